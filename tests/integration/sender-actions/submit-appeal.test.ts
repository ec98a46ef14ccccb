import { describe, expect, it } from "vitest";
import { submitAppeal } from "@/lib/data/appeals";
import { getDb } from "@/lib/db/client";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { formatUtcDateTime } from "@/lib/evidence/format";
import { blockWithLink, freshClient, mailJobsFor, validAppealFields } from "./support";

const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error("expected a rejection");
    },
    (error: unknown) => error as AppError,
  );

describe("submitAppeal", () => {
  it("stores the appeal, its event, UNDER_REVIEW and both notifications together", async () => {
    const { block, link } = await blockWithLink({ reason: "ABUSE" });
    const { reference } = await submitAppeal({ link, fields: validAppealFields("ABUSE"), client: freshClient() });

    expect(reference).toMatch(/^A-[2-9A-HJKMNP-TV-Z]{6}$/);
    const appeal = await getDb().appeal.findUniqueOrThrow({ where: { reference } });
    expect(appeal).toMatchObject({
      blockId: block.id,
      accountId: block.accountId,
      status: "OPEN",
      contactEmail: "ops@example.org",
      trafficStopped: true,
    });
    expect(appeal.answers).toEqual({
      listSource: expect.any(String),
      optIn: expect.any(String),
      removedAddresses: expect.any(String),
      unsubscribePath: expect.any(String),
    });
    const events = await getDb().event.findMany({ where: { blockId: block.id } });
    expect(events.map((e) => [e.type, e.actorType, e.data])).toEqual([
      ["APPEAL_SUBMITTED", "SENDER", { appealReference: reference }],
    ]);
    expect((await getDb().block.findUniqueOrThrow({ where: { id: block.id } })).status).toBe("UNDER_REVIEW");

    const jobs = await mailJobsFor(reference);
    expect(jobs.map((j) => [j.payload.template, j.payload.to])).toEqual([
      ["appeal-received", "ops@example.org"],
      ["appeal-notice", env.COMPLIANCE_EMAIL],
    ]);
    expect(jobs[1]!.payload.data.answers).toContainEqual({
      question: "How recipients opted in",
      answer: "Checkbox at checkout, confirmed by a double opt-in email.",
    });
  });

  it("answers a wrong secret, another report's secret and a malformed link alike, and stores nothing", async () => {
    const { block, link } = await blockWithLink();
    const other = await blockWithLink();
    for (const bad of [
      { publicId: link.publicId, secret: "x".repeat(43) },
      { publicId: link.publicId, secret: other.secret },
      { publicId: "not-an-id", secret: link.secret },
    ]) {
      const error = await rejection(
        submitAppeal({ link: bad, fields: validAppealFields("ABUSE"), client: freshClient() }),
      );
      expect(error).toBeInstanceOf(AppError);
      expect(error.code).toBe("NOT_FOUND");
    }
    expect(await getDb().appeal.count({ where: { blockId: { in: [block.id, other.block.id] } } })).toBe(0);
  });

  it("asks the questions of the block's own reason and reports every problem by field", async () => {
    const { link } = await blockWithLink({ reason: "RATE" });
    // Answers meant for a spam block do not satisfy a rate block's question.
    const error = await rejection(
      submitAppeal({
        link,
        fields: {
          contactEmail: "not an address",
          explanation: "too short",
          contentChanges: "Removed the link shortener entirely.",
        },
        client: freshClient(),
      }),
    );
    expect(error.code).toBe("INVALID");
    const fieldErrors = error.details?.fieldErrors as Record<string, string[]>;
    expect(Object.keys(fieldErrors).sort()).toEqual(["contactEmail", "explanation", "newRate", "trafficStopped"]);
    expect(fieldErrors.explanation![0]).toMatch(/at least 20 characters/);
    expect(fieldErrors.trafficStopped![0]).toMatch(/confirm/);
  });

  it("counts characters as Postgres does and rejects oversized text with a message", async () => {
    const { link } = await blockWithLink({ reason: "SPAM" });
    const tooLong = await rejection(
      submitAppeal({
        link,
        fields: validAppealFields("SPAM", { explanation: "x".repeat(4001) }),
        client: freshClient(),
      }),
    );
    expect((tooLong.details?.fieldErrors as Record<string, string[]>).explanation![0]).toMatch(
      /4,000 characters or fewer/,
    );
    // 20 emoji are 40 UTF-16 units but 20 characters: accepted, and the CHECK agrees.
    const { reference } = await submitAppeal({
      link,
      fields: validAppealFields("SPAM", { explanation: "😀".repeat(20) }),
      client: freshClient(),
    });
    expect((await getDb().appeal.findUniqueOrThrow({ where: { reference } })).explanation).toBe("😀".repeat(20));
  });

  it("makes unstorable characters storable instead of failing", async () => {
    const { link } = await blockWithLink({ reason: "SPAM" });
    const fields = validAppealFields("SPAM", {
      explanation: "We fixed it\u0000 and \uD800 removed the list entirely.",
      contentChanges: "Plain text part \uDC00 added.",
    });
    const { reference } = await submitAppeal({ link, fields, client: freshClient() });
    const appeal = await getDb().appeal.findUniqueOrThrow({ where: { reference } });
    expect(appeal.explanation).toBe("We fixed it and \uFFFD removed the list entirely.");
    expect(appeal.answers).toEqual({ contentChanges: "Plain text part \uFFFD added." });
  });

  it("refuses lifted and expired blocks with a clear message", async () => {
    const lifted = await blockWithLink({ status: "LIFTED" });
    const expired = await blockWithLink({ status: "EXPIRED" });
    const lapsed = await blockWithLink({ expiresAt: new Date(Date.now() - 60_000) });
    for (const [target, words] of [
      [lifted, /already been lifted/],
      [expired, /has expired/],
      [lapsed, /has expired/],
    ] as const) {
      const error = await rejection(
        submitAppeal({ link: target.link, fields: validAppealFields("ABUSE"), client: freshClient() }),
      );
      expect(error.code).toBe("CONFLICT");
      expect(error.message).toMatch(words);
      expect(await getDb().appeal.count({ where: { blockId: target.block.id } })).toBe(0);
    }
  });

  it("allows one open appeal per block", async () => {
    const { block, link } = await blockWithLink();
    await submitAppeal({ link, fields: validAppealFields("ABUSE"), client: freshClient() });
    const error = await rejection(submitAppeal({ link, fields: validAppealFields("ABUSE"), client: freshClient() }));
    expect(error.code).toBe("CONFLICT");
    expect(error.message).toBe("A review is already requested for this block.");
    expect(await getDb().appeal.count({ where: { blockId: block.id } })).toBe(1);
  });

  it("after a denial waits for the cooldown, says until when, then accepts a new request", async () => {
    const { block, link } = await blockWithLink();
    const { reference } = await submitAppeal({ link, fields: validAppealFields("ABUSE"), client: freshClient() });
    const staff = await getDb().user.create({
      data: { email: `s-${reference}@example.net`, name: "S", passwordHash: "x", role: "STAFF" },
    });
    const decidedAt = new Date("2026-11-27T14:02:00Z");
    await getDb().appeal.update({
      where: { reference },
      data: { status: "DENIED", decisionReason: "Complaints continue.", decidedById: staff.id, decidedAt },
    });
    await getDb().block.update({ where: { id: block.id }, data: { status: "ACTIVE" } });

    const during = new Date(decidedAt.getTime() + (env.APPEAL_COOLDOWN_HOURS - 1) * 3_600_000);
    const error = await rejection(
      submitAppeal({ link, fields: validAppealFields("ABUSE"), client: freshClient(), now: during }),
    );
    expect(error.code).toBe("RATE_LIMITED");
    const availableAt = new Date(decidedAt.getTime() + env.APPEAL_COOLDOWN_HOURS * 3_600_000).toISOString();
    expect(error.message).toBe(
      `The last review was declined. A new review can be requested from ${formatUtcDateTime(availableAt)}.`,
    );
    expect(error.details?.availableAt).toBe(availableAt);

    const after = new Date(decidedAt.getTime() + env.APPEAL_COOLDOWN_HOURS * 3_600_000 + 1000);
    const second = await submitAppeal({ link, fields: validAppealFields("ABUSE"), client: freshClient(), now: after });
    expect(second.reference).not.toBe(reference);
    expect(await getDb().appeal.count({ where: { blockId: block.id } })).toBe(2);
  });

  it("rate-limits per client across blocks", async () => {
    const client = freshClient();
    const outcomes: string[] = [];
    for (let i = 0; i < 31; i += 1) {
      const { link } = await blockWithLink();
      outcomes.push(
        await submitAppeal({ link, fields: validAppealFields("ABUSE"), client }).then(
          () => "ok",
          (e: AppError) => e.code,
        ),
      );
    }
    expect(outcomes.filter((o) => o === "ok")).toHaveLength(30);
    expect(outcomes.at(-1)).toBe("RATE_LIMITED");
  });
});
