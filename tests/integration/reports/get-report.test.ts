import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { getReportByLink } from "@/lib/reports/data/get-report";
import { checkReportLink } from "@/lib/reports/data/report-link-access";
import { parseEvidence, type EvidenceItem } from "@/lib/evidence";
import type { Prisma } from "@/lib/generated/prisma/client";
import { digestSecret } from "@/lib/report-link";
import { abuseBlockEvidence } from "../../support/evidence-fixtures";
import { createAccount, createBlock, createSmtpUser } from "../../support/factories";

const HOUR = 3_600_000;

async function addEvidence(blockId: string, accountId: string, items: EvidenceItem[]) {
  const parsed = parseEvidence(items);
  if (!parsed.success) throw parsed.error;
  for (const item of parsed.data) {
    await getDb().evidence.create({
      data: {
        blockId,
        accountId,
        kind: item.kind,
        observedFrom: new Date(item.window.from),
        observedTo: new Date(item.window.to),
        data: item as Prisma.InputJsonValue,
      },
    });
  }
}

async function expectCode(promise: Promise<unknown>, code: string) {
  await expect(promise).rejects.toMatchObject({ name: "AppError", code });
}

describe("getReportByLink", () => {
  let accountId: string;
  let smtpUserId: string;
  let block: Awaited<ReturnType<typeof createBlock>>;
  let other: Awaited<ReturnType<typeof createBlock>>;

  beforeAll(async () => {
    accountId = (await createAccount()).id;
    smtpUserId = (await createSmtpUser(accountId, "newsletter-app")).id;
    block = await createBlock({ accountId, smtpUserId });
    other = await createBlock({ accountId, smtpUserId: (await createSmtpUser(accountId)).id, reason: "SPAM" });
    await addEvidence(block.block.id, accountId, abuseBlockEvidence());
    const base = { blockId: block.block.id, accountId };
    await getDb().event.createMany({
      data: [
        {
          ...base,
          type: "ESCALATED",
          actorType: "RELAY",
          data: { level: 2, attempts: 25 },
          createdAt: new Date(Date.now() - HOUR),
        },
        {
          ...base,
          type: "CREATED",
          actorType: "RELAY",
          actorId: "relay-7",
          data: { reason: "ABUSE", level: 1 },
          createdAt: new Date(Date.now() - 2 * HOUR),
        },
      ],
    });
  });

  it("returns the report for the right secret", async () => {
    const report = await getReportByLink({ publicId: block.block.publicId, secret: block.secret });
    expect(report).toMatchObject({
      publicId: block.block.publicId,
      status: "ACTIVE",
      reason: "ABUSE",
      target: { smtpUser: "newsletter-app", senderAddress: null },
      scores: { spam: 31, abuse: 78, rate: 12, combined: 84, threshold: 70 },
      escalationLevel: 1,
      smtpReply: "550 5.7.1 [ABUSE] Sender blocked: spam or abuse detected.",
      expiresAt: null,
      endedAt: null,
      latestAppeal: null,
      openCase: null,
      canAppeal: { allowed: true, blocker: null, availableAt: null },
    });
    expect(report.createdAt).toBe(block.block.createdAt.toISOString());
  });

  it("carries the evidence as stored, recipients redacted, and the timeline oldest first without actor ids", async () => {
    const report = await getReportByLink({ publicId: block.block.publicId, secret: block.secret });
    expect(report.evidence.map((e) => e.kind).sort()).toEqual([
      "complaint_rate",
      "header_problems",
      "list_quality",
      "message_samples",
      "suspicious_links",
    ]);
    const samples = report.evidence.find((e) => e.kind === "message_samples");
    expect(JSON.stringify(samples)).not.toMatch(/[a-z]{2,}@[a-z]{2,}\.(com|net)/);
    expect(report.events.map((e) => e.type)).toEqual(["CREATED", "ESCALATED"]);
    expect(report.events[1]).toEqual({
      type: "ESCALATED",
      actor: "RELAY",
      at: expect.any(String),
      details: { level: 2, attempts: 25 },
    });
    expect(JSON.stringify(report.events)).not.toContain("relay-7");
  });

  it("answers an unknown id, a wrong secret, another block's secret and a malformed link alike: NOT_FOUND", async () => {
    const { publicId } = block.block;
    await expectCode(getReportByLink({ publicId, secret: randomBytes(32).toString("base64url") }), "NOT_FOUND");
    await expectCode(getReportByLink({ publicId: randomBytes(10).toString("hex"), secret: block.secret }), "NOT_FOUND");
    await expectCode(getReportByLink({ publicId, secret: other.secret }), "NOT_FOUND");
    await expectCode(getReportByLink({ publicId: other.block.publicId, secret: block.secret }), "NOT_FOUND");
    await expectCode(getReportByLink({ publicId: "not-an-id", secret: block.secret }), "NOT_FOUND");
    await expectCode(getReportByLink({ publicId, secret: "short" }), "NOT_FOUND");
  });

  it("answers a rotated (retired) secret with GONE, and only for its own block", async () => {
    const retired = randomBytes(32).toString("base64url");
    await getDb().retiredSecret.create({
      data: { secretDigest: digestSecret(retired), blockId: block.block.id, accountId },
    });
    await expectCode(getReportByLink({ publicId: block.block.publicId, secret: retired }), "GONE");
    await expectCode(getReportByLink({ publicId: other.block.publicId, secret: retired }), "NOT_FOUND");
    await expect(checkReportLink({ publicId: block.block.publicId, secret: retired })).resolves.toBe("gone");
    await expect(checkReportLink({ publicId: other.block.publicId, secret: retired })).resolves.toBe("not_found");
  });

  it("checkReportLink agrees with getReportByLink", async () => {
    await expect(checkReportLink({ publicId: block.block.publicId, secret: block.secret })).resolves.toBe("found");
    await expect(checkReportLink({ publicId: block.block.publicId, secret: other.secret })).resolves.toBe("not_found");
    await expect(checkReportLink({ publicId: "zz", secret: "<script>" })).resolves.toBe("not_found");
  });

  it("shows an ended block with its current secret, with the outcome", async () => {
    const ended = await createBlock({ accountId, smtpUserId: (await createSmtpUser(accountId)).id, status: "EXPIRED" });
    const report = await getReportByLink({ publicId: ended.block.publicId, secret: ended.secret });
    expect(report.status).toBe("EXPIRED");
    expect(report.endedAt).not.toBeNull();
    expect(report.canAppeal).toEqual({ allowed: false, blocker: "ended", availableAt: null });
  });
});
