import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { APPEAL_FIELD_NAMES, APPEAL_QUESTIONS, CASE_FIELD_NAMES, REPLY_FIELD_NAMES } from "@/lib/appeals";
import { digestOf } from "@/lib/data/cases/canonical-json";
import type { FormState } from "@/lib/forms/form-state";
import type { BlockReason } from "@/lib/generated/prisma/enums";
import {
  buildFormData,
  checkbox,
  clientKey,
  email,
  fieldValue,
  junkFields,
  linkChoice,
  text,
  type LinkChoice,
} from "./form-arbitraries";
import { createScratchDatabase, reloadAppModules, restoreSharedModules } from "./fresh-modules";

// At least 1,000 generated form posts per action, straight into the action's inner
// function against the real database. Whatever arrives, the action answers with a
// FormState (never an exception, never the "unexpected failure" message a 5xx would be)
// and the database never holds half a submission.

// Thousands of rows land in a database of this file's own, so a worker started by
// another test file on the shared database does not have to wade through them.

const RUNS = 1000;

async function loadApp() {
  return {
    submitAppealFromForm: (await import("@/lib/actions/sender/submit-appeal-from-form")).submitAppealFromForm,
    reportMessageFromForm: (await import("@/lib/actions/sender/report-message-from-form")).reportMessageFromForm,
    replyFromForm: (await import("@/lib/actions/sender/reply-from-form")).replyFromForm,
    TRY_AGAIN: (await import("@/lib/actions/form-result")).TRY_AGAIN,
    submitAppeal: (await import("@/lib/data/appeals")).submitAppeal,
    support: await import("./support"),
    db: (await import("@/lib/db/client")).getDb(),
  };
}

let app: Awaited<ReturnType<typeof loadApp>>;

beforeAll(async () => {
  await reloadAppModules({ DATABASE_URL: await createScratchDatabase("sender_properties") });
  app = await loadApp();
});
afterAll(() => restoreSharedModules());

type Target = Awaited<ReturnType<typeof app.support.blockWithLink>>;
const blockWithLink = (...args: Parameters<typeof app.support.blockWithLink>) => app.support.blockWithLink(...args);
const getDb = () => app.db;

function linkFor(choice: LinkChoice, target: Target, other: Target) {
  switch (choice) {
    case "valid":
      return { id: target.link.publicId, auth: target.secret };
    case "wrong-secret":
      return { id: target.link.publicId, auth: randomUUID().replace(/-/g, "") };
    case "other-secret":
      return { id: target.link.publicId, auth: other.secret };
    case "malformed":
      return { id: `${target.link.publicId}'--`, auth: "short" };
    case "missing":
      return {};
  }
}

/** The contract every answer keeps, whatever the input. */
function expectWellFormed(state: FormState, fieldNames: readonly string[]) {
  expect(["success", "error"]).toContain(state.status);
  expect(typeof state.message).toBe("string");
  expect(state.message).not.toBe(app.TRY_AGAIN);
  if (state.status === "error") {
    for (const key of Object.keys(state.values ?? {})) expect(fieldNames).toContain(key);
    for (const key of Object.keys(state.fieldErrors ?? {})) expect(fieldNames).toContain(key);
  } else {
    expect(state.reference).toMatch(/^[AC]-[2-9A-HJKMNP-TV-Z]{6}$/);
  }
}

/** valid: every field right; mutated: one field arbitrary; random: all arbitrary. */
const mode = fc.constantFrom("valid", "valid", "mutated", "mutated", "random");

async function outboxCount(template: string, blockPublicIds: string[]) {
  const [row] = await getDb().$queryRaw<{ n: bigint }[]>`
    SELECT count(*) AS n FROM outbox_message
    WHERE topic = 'mail.send' AND payload->>'template' = ${template} AND payload->'data'->>'publicId' = ANY(${blockPublicIds})`;
  return Number(row!.n);
}

const tally = () => ({ runs: 0, success: 0, fieldErrors: 0 });
const count = (t: ReturnType<typeof tally>, state: FormState) => {
  t.runs += 1;
  if (state.status === "success") t.success += 1;
  if (state.fieldErrors && Object.keys(state.fieldErrors).length > 0) t.fieldErrors += 1;
};

describe("request review: generated form posts", () => {
  const reasons: BlockReason[] = ["SPAM", "ABUSE", "RATE"];
  let pool: Target[];
  let reviewerId: string;

  beforeAll(async () => {
    reviewerId = (
      await getDb().user.create({
        data: { email: `reviewer-${randomUUID()}@example.net`, name: "Reviewer", passwordHash: "x", role: "STAFF" },
      })
    ).id;
    pool = [];
    for (const reason of reasons) {
      for (let i = 0; i < 12; i += 1) pool.push(await blockWithLink({ reason }));
      pool.push(await blockWithLink({ reason, status: "LIFTED" }), await blockWithLink({ reason, status: "EXPIRED" }));
      pool.push(await blockWithLink({ reason, expiresAt: new Date(Date.now() - 1000) }));
    }
  });

  it(`answers ${RUNS} of them with a FormState and stores each appeal whole`, async () => {
    const seen = tally();
    const answerNames = [
      ...new Set(
        Object.values(APPEAL_QUESTIONS)
          .flat()
          .map((q) => q.name),
      ),
    ];
    const input = fc.record({
      target: fc.nat({ max: 10_000 }),
      other: fc.nat({ max: 10_000 }),
      link: linkChoice,
      mode,
      mutate: fc.constantFrom(...APPEAL_FIELD_NAMES),
      contactEmail: fieldValue(email),
      explanation: fieldValue(text),
      trafficStopped: fieldValue(checkbox),
      answers: fc.tuple(...answerNames.map(() => fieldValue(text))),
      junk: junkFields,
      duplicate: fc.boolean(),
      client: clientKey,
    });
    await fc.assert(
      fc.asyncProperty(input, async (i) => {
        const target = pool[i.target % pool.length]!;
        const arbitrary: Record<string, Blob | string | undefined> = {
          contactEmail: i.contactEmail,
          explanation: i.explanation,
          trafficStopped: i.trafficStopped,
        };
        answerNames.forEach((name, k) => (arbitrary[name] = i.answers[k]));
        const valid = app.support.validAppealFields(target.block.reason);
        const fields =
          i.mode === "random" ? arbitrary : i.mode === "valid" ? valid : { ...valid, [i.mutate]: arbitrary[i.mutate] };
        const form = buildFormData(linkFor(i.link, target, pool[i.other % pool.length]!), fields, i.junk, i.duplicate);
        const state = await app.submitAppealFromForm(form, i.client);
        expectWellFormed(state, APPEAL_FIELD_NAMES);
        count(seen, state);
        // A reviewer declines it two days "ago", so the block takes new requests again.
        if (state.status === "success") {
          // The form answers with the block's one conversation reference (its first request's), so the open one is found by status.
          await getDb().appeal.updateMany({
            where: { blockId: target.block.id, status: "OPEN" },
            data: {
              status: "DENIED",
              decisionReason: "Declined by the property test.",
              decidedById: reviewerId,
              decidedAt: new Date(Date.now() - 48 * 3_600_000),
            },
          });
          await getDb().block.update({ where: { id: target.block.id }, data: { status: "ACTIVE" } });
        }
      }),
      { numRuns: RUNS },
    );

    expect(seen.runs).toBeGreaterThanOrEqual(RUNS);
    expect(seen.success).toBeGreaterThan(0);
    expect(seen.fieldErrors).toBeGreaterThan(0);

    const ids = pool.map((t) => t.block.id);
    const appeals = await getDb().appeal.findMany({ where: { blockId: { in: ids } } });
    const events = await getDb().event.findMany({ where: { blockId: { in: ids }, type: "APPEAL_SUBMITTED" } });
    expect(appeals.length).toBe(seen.success);
    expect(events.length).toBe(appeals.length);
    expect(
      await outboxCount(
        "appeal-received",
        pool.map((t) => t.block.publicId),
      ),
    ).toBe(appeals.length);
    expect(
      await outboxCount(
        "appeal-notice",
        pool.map((t) => t.block.publicId),
      ),
    ).toBe(appeals.length);
    // Every stored appeal was declined by the test right after it was stored: none is
    // left open, and every block is back in the state it started in.
    expect(appeals.every((a) => a.status === "DENIED")).toBe(true);
    for (const target of pool) {
      const { status } = await getDb().block.findUniqueOrThrow({ where: { id: target.block.id } });
      expect(status).toBe(target.block.status);
    }
  }, 600_000);
});

describe("report message: generated form posts", () => {
  let pool: Target[];
  beforeAll(async () => {
    pool = [];
    for (let i = 0; i < 30; i += 1)
      pool.push(
        await blockWithLink({
          reason: (["SPAM", "ABUSE", "RATE"] as const)[i % 3],
          status: i % 10 === 9 ? "LIFTED" : "ACTIVE",
        }),
      );
  });

  it(`answers ${RUNS} of them with a FormState; cases, messages, events and mails always agree`, async () => {
    const seen = tally();
    const usedTokens: string[] = [];
    const token = fc.oneof(
      fc.constant(undefined),
      fc.uuid({ version: 4 }),
      fc.string({ maxLength: 40 }),
      fc.constant("reuse"),
    );
    const input = fc.record({
      target: fc.nat({ max: 10_000 }),
      other: fc.nat({ max: 10_000 }),
      link: linkChoice,
      mode,
      note: fieldValue(fc.oneof(fc.constant(undefined), text)),
      contactEmail: fieldValue(fc.oneof(fc.constant(undefined), fc.constant(""), email)),
      submissionId: token,
      junk: junkFields,
      duplicate: fc.boolean(),
      client: clientKey,
    });
    await fc.assert(
      fc.asyncProperty(input, async (i) => {
        const target = pool[i.target % pool.length]!;
        const submissionId = i.submissionId === "reuse" ? usedTokens.at(-1) : i.submissionId;
        const fields =
          i.mode === "valid"
            ? { note: "Please look at this.", contactEmail: "ops@example.org", submissionId }
            : { note: i.note, contactEmail: i.contactEmail, submissionId };
        const form = buildFormData(linkFor(i.link, target, pool[i.other % pool.length]!), fields, i.junk, i.duplicate);
        const state = await app.reportMessageFromForm(form, i.client);
        expectWellFormed(state, CASE_FIELD_NAMES);
        if (state.status === "success" && submissionId) usedTokens.push(submissionId);
        count(seen, state);
      }),
      { numRuns: RUNS },
    );

    expect(seen.runs).toBeGreaterThanOrEqual(RUNS);
    expect(seen.success).toBeGreaterThan(0);
    expect(seen.fieldErrors).toBeGreaterThan(0);

    const ids = pool.map((t) => t.block.id);
    const cases = await getDb().complianceCase.findMany({
      where: { blockId: { in: ids } },
      include: { messages: true },
    });
    const events = await getDb().event.groupBy({ by: ["type"], where: { blockId: { in: ids } }, _count: true });
    const eventCount = (type: string) => events.find((e) => e.type === type)?._count ?? 0;
    const messages = cases.flatMap((c) => c.messages);
    expect(new Set(cases.map((c) => c.blockId)).size).toBe(cases.length);
    expect(eventCount("CASE_OPENED")).toBe(cases.length);
    expect(eventCount("CASE_OPENED") + eventCount("CASE_MESSAGE_ADDED")).toBe(messages.length);
    const publicIds = pool.map((t) => t.block.publicId);
    expect(await outboxCount("case-notice", publicIds)).toBe(messages.length);
    expect(await outboxCount("case-received", publicIds)).toBe(messages.filter((m) => m.contactEmail).length);
    for (const kase of cases) expect(digestOf(kase.bundle)).toBe(kase.bundleDigest);
  }, 600_000);
});

describe("reply to the reviewer: generated form posts", () => {
  let pool: (Target & { appealId: string })[];
  beforeAll(async () => {
    pool = [];
    for (let i = 0; i < 20; i += 1) {
      const target = await blockWithLink({ reason: "SPAM" });
      const { reference } = await app.submitAppeal({
        link: target.link,
        fields: app.support.validAppealFields("SPAM"),
        client: app.support.freshClient(),
      });
      const appeal = await getDb().appeal.update({
        where: { reference },
        data: { status: "NEEDS_INFO", infoRequest: "Which template?" },
      });
      pool.push({ ...target, appealId: appeal.id });
    }
  });

  it(`answers ${RUNS} of them with a FormState; every reply has its event and its mail`, async () => {
    const seen = tally();
    const input = fc.record({
      target: fc.nat({ max: 10_000 }),
      other: fc.nat({ max: 10_000 }),
      link: linkChoice,
      mode,
      body: fieldValue(text),
      junk: junkFields,
      duplicate: fc.boolean(),
      client: clientKey,
    });
    await fc.assert(
      fc.asyncProperty(input, async (i) => {
        const target = pool[i.target % pool.length]!;
        const fields = { body: i.mode === "valid" ? "The image-only template." : i.body };
        const form = buildFormData(linkFor(i.link, target, pool[i.other % pool.length]!), fields, i.junk, i.duplicate);
        const state = await app.replyFromForm(form, i.client);
        expectWellFormed(state, REPLY_FIELD_NAMES);
        count(seen, state);
        // The reviewer asks again, so later posts can be answered too.
        if (state.status === "success")
          await getDb().appeal.update({ where: { id: target.appealId }, data: { status: "NEEDS_INFO" } });
      }),
      { numRuns: RUNS },
    );

    expect(seen.runs).toBeGreaterThanOrEqual(RUNS);
    expect(seen.success).toBeGreaterThan(0);
    expect(seen.fieldErrors).toBeGreaterThan(0);
    const ids = pool.map((t) => t.block.id);
    const replies = await getDb().appealMessage.count({
      where: { appeal: { blockId: { in: ids } }, author: "SENDER" },
    });
    expect(replies).toBe(seen.success);
    expect(await getDb().event.count({ where: { blockId: { in: ids }, type: "APPEAL_REPLIED" } })).toBe(replies);
    expect(
      await outboxCount(
        "appeal-reply-notice",
        pool.map((t) => t.block.publicId),
      ),
    ).toBe(replies);
  }, 600_000);
});
