import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { generateReference } from "@/lib/appeals/reference";
import {
  claimItem,
  decideAppeal,
  listAssignableStaff,
  closeCase,
  listReviewQueue,
  QUEUE_LIMIT,
  reassignItem,
  releaseItem,
  touchClaims,
} from "@/lib/data/staff";
import { getDb } from "@/lib/db/client";
import { env } from "@/lib/env";
import { formatQueueCount, parseQueueParams, QUEUE_COUNT_CAP, type QueueFilters } from "@/lib/staff/queue-filters";
import { createAccount, createBlock, createSmtpUser } from "../../support/factories";
import { disableUser } from "@/lib/data/users/sessions";
import { blockWithOpenAppeal, createUser } from "./staff-support";

const REASON = "The list is gone and opt-in is confirmed; lifting the block now.";
const filters = (params: Record<string, string>): QueueFilters => parseQueueParams(params).filters;

let staff: { id: string; name: string };
let other: { id: string; name: string };
let admin: { id: string; name: string };
beforeAll(async () => {
  [staff, other, admin] = await Promise.all([createUser("STAFF"), createUser("STAFF"), createUser("ADMIN")]);
});

/** `count` open requests in one account whose name is unique to the test, so search isolates them. */
async function openRequests(count: number, options: { reason?: "SPAM" | "ABUSE" | "RATE"; level?: number } = {}) {
  const tag = `Queue test ${randomBytes(4).toString("hex")}`;
  const account = await createAccount(tag);
  const smtpUser = await createSmtpUser(account.id, `smtp-${randomBytes(3).toString("hex")}`);
  const references: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const { block } = await createBlock({
      accountId: account.id,
      smtpUserId: smtpUser.id,
      reason: options.reason ?? "SPAM",
      status: "UNDER_REVIEW",
      senderAddress: `news${i}@${tag.replace(/ /g, "-").toLowerCase()}.example`,
    });
    if (options.level)
      await getDb().block.update({ where: { id: block.id }, data: { escalationLevel: options.level } });
    const reference = generateReference("A");
    await getDb().appeal.create({
      data: {
        reference,
        blockId: block.id,
        accountId: account.id,
        contactEmail: "ops@example.org",
        explanation: "We removed the list and confirmed opt-in.",
        trafficStopped: true,
      },
    });
    references.push(reference);
  }
  return { tag, smtpUser: smtpUser.username, references };
}

describe("the review queue's filters, search and pages", () => {
  it("pages through a list with a keyset cursor: every item once, in order, even with equal and microsecond-apart times", async () => {
    const { tag, references } = await openRequests(57);
    // Twenty share one timestamp exactly; the rest are a microsecond apart (a JavaScript
    // Date cannot tell them apart).
    await getDb()
      .$executeRaw`UPDATE appeal SET updated_at = '2001-02-03T04:05:06.123Z' WHERE reference = ANY(${references.slice(0, 20)})`;
    await getDb().$executeRaw`
      UPDATE appeal a SET updated_at = '2001-02-03T04:05:06.123Z'::timestamptz + (r.n * interval '1 microsecond')
        FROM unnest(${references.slice(20)}::text[]) WITH ORDINALITY AS r(reference, n) WHERE a.reference = r.reference`;
    const seen: string[] = [];
    let after: string | undefined;
    let pages = 0;
    do {
      const queue = await listReviewQueue({
        staffId: staff.id,
        filters: filters({ q: tag, list: "decide" }),
        after: { decide: after },
        pageSize: 50,
      });
      expect(queue.counts.decide).toBe(57);
      expect(queue.toDecide.length).toBe(pages === 0 ? 50 : 7);
      seen.push(...queue.toDecide.map((a) => a.reference));
      after = queue.next.decide ?? undefined;
      pages += 1;
    } while (after && pages < 5);
    expect(pages).toBe(2);
    expect(new Set(seen).size).toBe(57);
    expect(seen.slice(20)).toEqual(references.slice(20));
    expect([...seen.slice(0, 20)].sort()).toEqual([...references.slice(0, 20)].sort());
  });

  it("searches by sender address, SMTP user, account name, report id and reference", async () => {
    const { tag, smtpUser, references } = await openRequests(3);
    const appeal = await getDb().appeal.findUniqueOrThrow({
      where: { reference: references[1]! },
      include: { block: true },
    });
    const found = async (q: string) =>
      (await listReviewQueue({ staffId: staff.id, filters: filters({ q }) })).toDecide.map((a) => a.reference).sort();
    expect(await found(tag.toUpperCase())).toEqual([...references].sort());
    expect(await found(smtpUser)).toEqual([...references].sort());
    expect(await found(appeal.block.senderAddress!)).toEqual([references[1]]);
    expect(await found(appeal.block.publicId)).toEqual([references[1]]);
    expect(await found(references[2]!.toLowerCase())).toEqual([references[2]]);
    // LIKE wildcards are text, not patterns.
    expect(await found(`${tag}%`)).toEqual([]);
    // Two characters cannot use the trigram index: they match nothing rather than scan every block.
    expect(await found(tag.slice(-2))).toEqual([]);
  });

  it("filters by reason, escalation level, age and status, and counts each list", async () => {
    const spam = await openRequests(2, { reason: "SPAM", level: 1 });
    const rate = await openRequests(1, { reason: "RATE", level: 3 });
    const both = (
      await listReviewQueue({ staffId: staff.id, filters: filters({ q: "Queue test", reason: "RATE", level: "3" }) })
    ).toDecide.map((a) => a.reference);
    expect(both).toContain(rate.references[0]);
    expect(both).not.toContain(spam.references[0]);
    const level = await listReviewQueue({ staffId: staff.id, filters: filters({ q: rate.tag, level: "4" }) });
    expect(level.counts.decide).toBe(0);

    // A request to decide waits since it was submitted (an answered question keeps its place).
    await getDb().appeal.update({
      where: { reference: spam.references[0]! },
      data: { createdAt: new Date(Date.now() - 5 * 3_600_000) },
    });
    const old = await listReviewQueue({ staffId: staff.id, filters: filters({ q: spam.tag, age: "4h" }) });
    expect(old.toDecide.map((a) => a.reference)).toEqual([spam.references[0]]);
    expect(old.counts).toEqual({ decide: 1, waiting: 0, cases: 0 });

    await decideAppeal({
      staffId: staff.id,
      reference: spam.references[1]!,
      fields: { decision: "ask", text: "Which list did the addresses come from?" },
    });
    const waiting = await listReviewQueue({ staffId: staff.id, filters: filters({ q: spam.tag, list: "waiting" }) });
    expect(waiting.counts).toEqual({ decide: 1, waiting: 1, cases: 0 });
    expect(waiting.waitingForSender.map((a) => a.reference)).toEqual([spam.references[1]]);
    expect(waiting.toDecide).toEqual([]); // not shown: another list was chosen
  });

  it('counts each list up to one past QUEUE_COUNT_CAP ("1,000+") and pages through a list that long in 50s', async () => {
    const { tag, smtpUser } = await openRequests(1, { reason: "RATE", level: 2 });
    // QUEUE_COUNT_CAP + 4 more in the same account (1,005 in all), written in one statement (the factory takes a second per ten).
    const { accountId, smtpUserId } = await getDb().block.findFirstOrThrow({
      where: { smtpUser: { username: smtpUser } },
      select: { accountId: true, smtpUserId: true },
    });
    const unique = new Set<string>();
    while (unique.size < QUEUE_COUNT_CAP + 4) unique.add(generateReference("A"));
    const references = [...unique];
    await getDb().$executeRaw`
      WITH blocks AS (
        INSERT INTO block (public_id, secret_digest, account_id, smtp_user_id, sender_address, reason, spam_score, abuse_score,
                           rate_score, combined_score, threshold, status, smtp_reply, escalation_level)
        SELECT substr(md5(random()::text || n), 1, 20), sha256(convert_to(random()::text || n, 'UTF8')), ${accountId}::uuid,
               ${smtpUserId}::uuid, format('bulk%s@%s.example', n, ${smtpUser}::text), 'RATE', 1, 1, 90, 90, 70, 'UNDER_REVIEW', '550 5.7.1 [RATE]', 2
          FROM generate_series(1, ${QUEUE_COUNT_CAP + 4}::int) AS n
        RETURNING id)
      INSERT INTO appeal (reference, block_id, account_id, contact_email, explanation, traffic_stopped)
      SELECT r.reference, b.id, ${accountId}::uuid, 'ops@example.org', 'We removed the list and confirmed opt-in.', true
        FROM (SELECT id, row_number() OVER () AS n FROM blocks) AS b JOIN unnest(${references}::text[]) WITH ORDINALITY AS r(reference, n) ON r.n = b.n`;

    const over = await listReviewQueue({ staffId: staff.id, filters: filters({ q: tag }) });
    expect(over.counts).toEqual({ decide: QUEUE_COUNT_CAP + 1, waiting: 0, cases: 0 });
    expect(formatQueueCount(over.counts.decide)).toBe("1,000+");
    expect(over.toDecide).toHaveLength(QUEUE_LIMIT);
    expect(over.next.decide).not.toBeNull();
    // A filter that reads the block counts through the same cap; one that matches nothing counts 0.
    const filtered = await listReviewQueue({
      staffId: staff.id,
      filters: filters({ q: tag, reason: "RATE", level: "2" }),
    });
    expect(filtered.counts.decide).toBe(QUEUE_COUNT_CAP + 1);
    expect((await listReviewQueue({ staffId: staff.id, filters: filters({ q: tag, level: "3" }) })).counts.decide).toBe(
      0,
    );
    // Exactly the cap is counted exactly.
    for (const reference of references.slice(0, 5))
      await decideAppeal({
        staffId: staff.id,
        reference,
        fields: { decision: "ask", text: "Which list did the addresses come from?" },
      });
    const exact = await listReviewQueue({ staffId: staff.id, filters: filters({ q: tag }) });
    expect(exact.counts).toEqual({ decide: QUEUE_COUNT_CAP, waiting: 5, cases: 0 });
    expect(formatQueueCount(exact.counts.decide)).toBe("1,000");

    // Every page of the long list, keyset to keyset: each item once.
    const seen = new Set<string>();
    let after: string | undefined;
    let pages = 0;
    do {
      const page = await listReviewQueue({
        staffId: staff.id,
        filters: filters({ q: tag, list: "decide" }),
        after: { decide: after },
      });
      for (const item of page.toDecide) seen.add(item.reference);
      after = page.next.decide ?? undefined;
      pages += 1;
    } while (after && pages < 30);
    expect(pages).toBe(Math.ceil(QUEUE_COUNT_CAP / QUEUE_LIMIT));
    expect(seen.size).toBe(QUEUE_COUNT_CAP);
  });

  it("takes any text in the search box without a database error: quotes, backslashes, a NUL, odd Unicode", async () => {
    for (const q of ["o'brien\\", "a\u0000bc", "\u202Ebidi\uFFFD", "%_%", "x".repeat(200), "\uD800lone"]) {
      const queue = await listReviewQueue({ staffId: staff.id, filters: filters({ q }) });
      expect(queue.counts.cases).toBe(0);
    }
  });

  it("ignores filter values the form does not offer instead of failing", () => {
    expect(
      parseQueueParams({ reason: "PHISHING", level: "99", age: "1y", assignee: "bob", list: "all", q: "  x  " })
        .filters,
    ).toEqual({ assignee: "anyone", q: "x" });
    expect(parseQueueParams({ decide_after: "not a cursor" }).cursors).toEqual({ decide: "not a cursor" });
  });

  it("survives a garbage cursor by starting at the first page", async () => {
    const { tag, references } = await openRequests(1);
    const queue = await listReviewQueue({
      staffId: staff.id,
      filters: filters({ q: tag }),
      after: { decide: "bm9wZQ" },
    });
    expect(queue.toDecide.map((a) => a.reference)).toEqual(references);
  });

  it("is for staff only", async () => {
    const owner = await createUser("OWNER");
    await expect(listReviewQueue({ staffId: owner.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("claims", () => {
  it("shows who has an item and since when, puts one's own first, and filters mine / not claimed", async () => {
    const { tag, references } = await openRequests(3);
    await claimItem({ staffId: staff.id, reference: references[2]! });
    await claimItem({ staffId: other.id, reference: references[0]! });
    const mine = await listReviewQueue({ staffId: staff.id, filters: filters({ q: tag }) });
    expect(mine.toDecide.map((a) => a.reference)).toEqual([references[2], references[0], references[1]]);
    expect(mine.toDecide[0]).toMatchObject({ mine: true, claim: { holderId: staff.id, holderName: staff.name } });
    expect(mine.toDecide[1]).toMatchObject({ mine: false, claim: { holderId: other.id } });
    expect(mine.toDecide[2]!.claim).toBeNull();
    expect(
      (await listReviewQueue({ staffId: staff.id, filters: filters({ q: tag, assignee: "mine" }) })).toDecide.map(
        (a) => a.reference,
      ),
    ).toEqual([references[2]]);
    expect(
      (await listReviewQueue({ staffId: staff.id, filters: filters({ q: tag, assignee: "unassigned" }) })).toDecide.map(
        (a) => a.reference,
      ),
    ).toEqual([references[1]]);
    const audit = await getDb().staffAudit.findMany({ where: { target: { in: references } }, orderBy: { id: "asc" } });
    expect(audit.map((a) => [a.action, a.actorId, a.target])).toEqual([
      ["CLAIM", staff.id, references[2]],
      ["CLAIM", other.id, references[0]],
    ]);
  });

  it("pages across the boundary between one's own claims and everyone else's items", async () => {
    const { tag, references } = await openRequests(5);
    for (const reference of references.slice(2)) await claimItem({ staffId: staff.id, reference });
    const pages: string[][] = [];
    let after: string | undefined;
    do {
      const queue = await listReviewQueue({
        staffId: staff.id,
        filters: filters({ q: tag }),
        after: { decide: after },
        pageSize: 2,
      });
      pages.push(queue.toDecide.map((a) => (a.mine ? `mine ${a.reference}` : a.reference)));
      after = queue.next.decide ?? undefined;
    } while (after && pages.length < 5);
    expect(pages).toEqual([
      [`mine ${references[2]}`, `mine ${references[3]}`],
      [`mine ${references[4]}`, references[0]],
      [references[1]],
    ]);
  });

  it("refuses another reviewer's claim and decision while the claim is live; the holder decides", async () => {
    const { reference } = await blockWithOpenAppeal();
    await claimItem({ staffId: staff.id, reference });
    await expect(claimItem({ staffId: other.id, reference })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining(`${staff.name} has claimed ${reference}`),
    });
    await expect(
      decideAppeal({ staffId: other.id, reference, fields: { decision: "approve", text: REASON } }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(releaseItem({ staffId: other.id, reference })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await getDb().appeal.findUniqueOrThrow({ where: { reference } })).status).toBe("OPEN");
    await decideAppeal({ staffId: staff.id, reference, fields: { decision: "approve", text: REASON } });
    expect((await getDb().appeal.findUniqueOrThrow({ where: { reference } })).status).toBe("APPROVED");
    await expect(claimItem({ staffId: staff.id, reference })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining("no longer open"),
    });
  });

  it("lapses after CLAIM_IDLE_MINUTES without activity; opening the report keeps it live", async () => {
    const { block, reference } = await blockWithOpenAppeal();
    const idle = env.CLAIM_IDLE_MINUTES * 60_000;
    const start = new Date(Date.now() - 2 * idle);
    await claimItem({ staffId: staff.id, reference, now: start });
    await touchClaims({ staffId: staff.id, publicId: block.publicId, now: new Date(start.getTime() + idle - 1000) });
    // Still live a whole idle time after the claim, because the holder opened it meanwhile.
    await expect(
      claimItem({ staffId: other.id, reference, now: new Date(start.getTime() + idle + 1000) }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    // Lapsed: taken over, and the lapsed holder is named in the audit entry.
    await claimItem({ staffId: other.id, reference });
    const stored = await getDb().appeal.findUniqueOrThrow({ where: { reference } });
    expect(stored.claimedById).toBe(other.id);
    const entry = await getDb().staffAudit.findFirstOrThrow({ where: { target: reference, actorId: other.id } });
    expect(entry).toMatchObject({ action: "CLAIM", data: { lapsedClaimOf: staff.id } });
  });

  it("releases one's own claim; admins reassign and release anyone's; staff cannot reassign", async () => {
    const { reference } = await blockWithOpenAppeal();
    await claimItem({ staffId: staff.id, reference });
    await releaseItem({ staffId: staff.id, reference });
    await expect(releaseItem({ staffId: staff.id, reference })).rejects.toMatchObject({ code: "CONFLICT" });
    await claimItem({ staffId: staff.id, reference });
    await expect(reassignItem({ staffId: other.id, reference, assigneeId: other.id })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    const owner = await createUser("OWNER");
    await expect(reassignItem({ staffId: admin.id, reference, assigneeId: owner.id })).rejects.toMatchObject({
      code: "INVALID",
      details: { fieldErrors: { assignee: [expect.any(String)] } },
    });
    await expect(reassignItem({ staffId: admin.id, reference, assigneeId: other.id })).resolves.toEqual({
      reference,
      assigneeName: other.name,
    });
    await expect(
      decideAppeal({ staffId: staff.id, reference, fields: { decision: "deny", text: REASON } }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    await releaseItem({ staffId: admin.id, reference });
    const actions = (await getDb().staffAudit.findMany({ where: { target: reference }, orderBy: { id: "asc" } })).map(
      (a) => a.action,
    );
    expect(actions).toEqual(["CLAIM", "RELEASE", "CLAIM", "REASSIGN", "RELEASE"]);
  });

  it("gives items only to logins that can act: not a disabled one nor an invitee who has not accepted; disabling releases claims", async () => {
    const { reference } = await blockWithOpenAppeal();
    const disabled = await createUser("STAFF");
    await disableUser(disabled.id);
    const invitee = await createUser("STAFF");
    await getDb().user.update({ where: { id: invitee.id }, data: { invitedAt: new Date(), passwordHash: null } });
    const accepted = await createUser("STAFF");
    await getDb().user.update({
      where: { id: accepted.id },
      data: { invitedAt: new Date(), invitationAcceptedAt: new Date() },
    });
    for (const assignee of [disabled, invitee]) {
      await expect(reassignItem({ staffId: admin.id, reference, assigneeId: assignee.id })).rejects.toMatchObject({
        code: "INVALID",
        details: { fieldErrors: { assignee: ["Choose a reviewer from the list."] } },
      });
    }
    const offered = (await listAssignableStaff({ staffId: admin.id })).map((user) => user.id);
    expect(offered).toEqual(expect.arrayContaining([staff.id, accepted.id]));
    expect(offered).not.toContain(disabled.id);
    expect(offered).not.toContain(invitee.id);

    // A reviewer disabled while holding an item: the item is free for the others at once.
    const holder = await createUser("STAFF");
    await claimItem({ staffId: holder.id, reference });
    await disableUser(holder.id);
    await expect(claimItem({ staffId: other.id, reference })).resolves.toBeDefined();
    await releaseItem({ staffId: other.id, reference });
  });

  it("names the holder to the loser of two claims at once, not 'Another reviewer'", async () => {
    const { reference } = await blockWithOpenAppeal();
    // The first claim holds the request's row until it commits; the second waits on it.
    let commit!: () => void;
    const committed = new Promise<void>((resolve) => (commit = resolve));
    const first = getDb().$transaction(async (tx) => {
      await tx.appeal.update({
        where: { reference },
        data: { claimedById: staff.id, claimedAt: new Date(), claimActiveAt: new Date() },
      });
      await committed;
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const second = claimItem({ staffId: other.id, reference });
    await new Promise((resolve) => setTimeout(resolve, 300));
    commit();
    await first;
    await expect(second).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringMatching(new RegExp(`^${staff.name} has claimed ${reference}`)),
    });
    await releaseItem({ staffId: staff.id, reference });
  });

  it("claims reported cases too, and closing one refuses a reviewer who does not hold it", async () => {
    const account = await createAccount();
    const smtpUser = await createSmtpUser(account.id);
    const { block } = await createBlock({ accountId: account.id, smtpUserId: smtpUser.id });
    const reference = generateReference("C");
    await getDb().complianceCase.create({
      data: { reference, blockId: block.id, accountId: account.id, bundle: {}, bundleDigest: "0".repeat(64) },
    });
    await claimItem({ staffId: staff.id, reference });
    await expect(closeCase({ staffId: other.id, reference, fields: { message: "Handled." } })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    await closeCase({ staffId: staff.id, reference, fields: { message: "Handled." } });
    await expect(claimItem({ staffId: staff.id, reference: "C-NOPE22" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(claimItem({ staffId: staff.id, reference: "'; DROP TABLE appeal; --" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });
});
