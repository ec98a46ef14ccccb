import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { reportMessage } from "@/lib/data/cases";
import { canonicalJson, digestOf } from "@/lib/data/cases/canonical-json";
import { getDb } from "@/lib/db/client";
import { env } from "@/lib/env";
import type { AppError } from "@/lib/errors";
import { abuseBlockEvidence } from "@/tests/support/evidence-fixtures";
import { blockWithLink, freshClient, mailJobsFor } from "./support";

async function blockWithEvidence() {
  const target = await blockWithLink({ reason: "ABUSE" });
  const { block } = target;
  for (const item of abuseBlockEvidence()) {
    await getDb().evidence.create({
      data: {
        blockId: block.id,
        accountId: block.accountId,
        kind: item.kind,
        observedFrom: new Date(item.window.from),
        observedTo: new Date(item.window.to),
        data: item,
      },
    });
  }
  await getDb().event.create({
    data: {
      blockId: block.id,
      accountId: block.accountId,
      type: "CREATED",
      actorType: "RELAY",
      data: { reason: "ABUSE", level: 1 },
    },
  });
  return target;
}

describe("reportMessage", () => {
  it("opens a case with a frozen evidence bundle whose SHA-256 is reproducible from what was stored", async () => {
    const { block, link } = await blockWithEvidence();
    const result = await reportMessage({
      link,
      fields: { note: "Please look at the CRM sync.", contactEmail: "it@example.org" },
      client: freshClient(),
    });

    expect(result).toMatchObject({ newCase: true, duplicate: false });
    expect(result.reference).toMatch(/^C-[2-9A-HJKMNP-TV-Z]{6}$/);
    const kase = await getDb().complianceCase.findUniqueOrThrow({
      where: { reference: result.reference },
      include: { messages: true },
    });
    expect(kase.bundleDigest).toBe(result.bundleDigest);
    // Re-reading the jsonb and hashing it again gives the same digest: the key order is canonical.
    expect(digestOf(kase.bundle)).toBe(kase.bundleDigest);
    const bundle = kase.bundle as {
      block: Record<string, unknown>;
      evidence: { kind: string }[];
      events: { type: string }[];
    };
    expect(bundle.block).toMatchObject({ publicId: block.publicId, reason: "ABUSE", status: "ACTIVE" });
    expect(bundle.evidence.map((e) => e.kind)).toEqual(abuseBlockEvidence().map((e) => e.kind));
    expect(bundle.events.map((e) => e.type)).toEqual(["CREATED"]);
    expect(canonicalJson(kase.bundle)).not.toContain(block.accountId);
    expect(kase.messages).toMatchObject([{ note: "Please look at the CRM sync.", contactEmail: "it@example.org" }]);

    const events = await getDb().event.findMany({ where: { blockId: block.id }, orderBy: { id: "asc" } });
    expect(events.map((e) => e.type)).toEqual(["CREATED", "CASE_OPENED"]);
    expect(events[1]!.data).toEqual({ caseReference: result.reference, bundleDigest: result.bundleDigest });
    const jobs = await mailJobsFor(result.reference);
    expect(jobs.map((j) => [j.payload.template, j.payload.to])).toEqual([
      ["case-notice", env.COMPLIANCE_EMAIL],
      ["case-received", "it@example.org"],
    ]);
  });

  it("adds a second report to the open case instead of opening another", async () => {
    const { block, link } = await blockWithEvidence();
    const first = await reportMessage({ link, fields: {}, client: freshClient() });
    const second = await reportMessage({ link, fields: { note: "One more thing." }, client: freshClient() });
    expect(second).toMatchObject({ reference: first.reference, bundleDigest: first.bundleDigest, newCase: false });
    expect(await getDb().complianceCase.count({ where: { blockId: block.id } })).toBe(1);
    expect(await getDb().caseMessage.count({ where: { case: { blockId: block.id } } })).toBe(2);
    const types = (await getDb().event.findMany({ where: { blockId: block.id }, orderBy: { id: "asc" } })).map(
      (e) => e.type,
    );
    expect(types).toEqual(["CREATED", "CASE_OPENED", "CASE_MESSAGE_ADDED"]);
    // No contact address given: only compliance is told, once per report.
    expect((await mailJobsFor(first.reference)).map((j) => j.payload.template)).toEqual(["case-notice", "case-notice"]);
  });

  it("opens one case when first reports race", async () => {
    const { block, link } = await blockWithEvidence();
    const results = await Promise.all(
      Array.from({ length: 8 }, () => reportMessage({ link, fields: {}, client: freshClient() })),
    );
    expect(new Set(results.map((r) => r.reference)).size).toBe(1);
    expect(results.filter((r) => r.newCase)).toHaveLength(1);
    expect(await getDb().complianceCase.count({ where: { blockId: block.id } })).toBe(1);
    expect(await getDb().caseMessage.count({ where: { case: { blockId: block.id } } })).toBe(8);
  });

  it("records a form submitted twice (same submission token) once", async () => {
    const { block, link } = await blockWithEvidence();
    const submissionId = randomUUID();
    const [a, b] = await Promise.all([
      reportMessage({ link, fields: { note: "double click", submissionId }, client: freshClient() }),
      reportMessage({ link, fields: { note: "double click", submissionId }, client: freshClient() }),
    ]);
    expect([a!.duplicate, b!.duplicate].sort()).toEqual([false, true]);
    expect(a!.reference).toBe(b!.reference);
    expect(await getDb().caseMessage.count({ where: { case: { blockId: block.id } } })).toBe(1);
    expect(await mailJobsFor(a!.reference)).toHaveLength(1);
  });

  it("validates the optional fields and checks the link", async () => {
    const { link } = await blockWithEvidence();
    const invalid = await reportMessage({
      link,
      fields: { note: "x".repeat(4001), contactEmail: "nope" },
      client: freshClient(),
    }).catch((e: AppError) => e);
    expect(invalid).toMatchObject({ code: "INVALID" });
    expect(Object.keys((invalid as AppError).details?.fieldErrors as object).sort()).toEqual(["contactEmail", "note"]);
    const wrong = await reportMessage({
      link: { ...link, secret: "A".repeat(43) },
      fields: {},
      client: freshClient(),
    }).catch((e: AppError) => e);
    expect(wrong).toMatchObject({ code: "NOT_FOUND" });
  });

  it("limits reports per block so a leaked link cannot flood compliance", async () => {
    const { link } = await blockWithEvidence();
    const codes: string[] = [];
    for (let i = 0; i < 11; i += 1)
      codes.push(
        await reportMessage({ link, fields: {}, client: freshClient() }).then(
          () => "ok",
          (e: AppError) => e.code,
        ),
      );
    expect(codes.slice(0, 10).every((c) => c === "ok")).toBe(true);
    expect(codes[10]).toBe("RATE_LIMITED");
  });
});
