import { describe, expect, it } from "vitest";
import { parseHistoryFilters, type HistoryFilters } from "@/lib/account/history-filters";
import {
  getAccountOverview,
  getOwnerReport,
  getOwnerReportLink,
  listAccountBlocks,
  rotateReportLink,
  SMTP_USERS_SHOWN,
  weekStartOf,
} from "@/lib/data/account";
import { replyToInfoRequest, submitAppeal } from "@/lib/data/appeals";
import { currentReportLink } from "@/lib/data/blocks/report-links";
import { reportMessage } from "@/lib/data/cases";
import { getReportByLink } from "@/lib/reports/data/get-report";
import { addCaseNote, decideAppeal, replyToCase } from "@/lib/data/staff";
import { getDb } from "@/lib/db/client";
import { createBlock, createSmtpUser } from "../../support/factories";
import { freshClient, validAppealFields } from "../sender-actions/support";
import { createUser } from "../staff/staff-support";

const newest: HistoryFilters = { order: "newest" };

async function ownerWithBlocks() {
  const owner = await createUser("OWNER");
  const accountId = owner.accountId!;
  const [news, billing] = [await createSmtpUser(accountId, "newsletter"), await createSmtpUser(accountId, "billing")];
  const at = (hoursAgo: number) => new Date(Date.now() - hoursAgo * 3_600_000);
  const made = [];
  for (const [i, spec] of (
    [
      [news.id, "SPAM", "EXPIRED", "news@a.example", 24 * 40],
      [news.id, "SPAM", "LIFTED", "promo@a.example", 24 * 10],
      [billing.id, "RATE", "EXPIRED", null, 24 * 5],
      [news.id, "ABUSE", "ACTIVE", "news@a.example", 2],
    ] as const
  ).entries()) {
    const { block, secret } = await createBlock({
      accountId,
      smtpUserId: spec[0],
      reason: spec[1],
      status: spec[2],
      senderAddress: spec[3],
    });
    await getDb().block.update({ where: { id: block.id }, data: { createdAt: at(spec[4]) } });
    made.push({ block, secret, index: i });
  }
  return { owner, accountId, news, billing, blocks: made };
}

describe("the owner portal's data layer", () => {
  it("refuses anyone who is not an owner, and other accounts' owners, with NOT_FOUND", async () => {
    const a = await ownerWithBlocks();
    const other = await createUser("OWNER");
    const staff = await createUser("STAFF");
    const publicId = a.blocks[0]!.block.publicId;
    for (const ownerId of [other.id, staff.id, "not-a-uuid", "00000000-0000-0000-0000-000000000000"]) {
      await expect(getOwnerReport({ ownerId, publicId })).rejects.toMatchObject({ code: "NOT_FOUND" });
      await expect(rotateReportLink({ ownerId, publicId })).rejects.toMatchObject({ code: "NOT_FOUND" });
      await expect(getOwnerReportLink({ ownerId, publicId })).rejects.toMatchObject({ code: "NOT_FOUND" });
      await expect(
        submitAppeal({ link: { ownerId, publicId }, fields: validAppealFields("ABUSE"), client: freshClient() }),
      ).rejects.toMatchObject({ code: "NOT_FOUND" });
      await expect(
        reportMessage({ link: { ownerId, publicId }, fields: { note: "x" }, client: freshClient() }),
      ).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
    await expect(listAccountBlocks({ ownerId: staff.id, filters: newest })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(getAccountOverview({ ownerId: staff.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    // The other owner's history holds nothing of account A, whatever the filter names.
    const theirs = await listAccountBlocks({
      ownerId: other.id,
      filters: { order: "newest", smtpUser: a.news.id, q: publicId },
    });
    expect(theirs.rows).toEqual([]);
  });

  it("shows each SMTP user with its addresses, blocked ones first, and blocks per week by reason", async () => {
    const a = await ownerWithBlocks();
    const overview = await getAccountOverview({ ownerId: a.owner.id });
    expect(overview.smtpUsers.map((u) => u.username)).toEqual(["newsletter", "billing"]);
    expect(overview).toMatchObject({ smtpUserCount: 2, blockedSmtpUsers: 1 });
    const [news, billing] = overview.smtpUsers;
    expect(news).toMatchObject({
      senderAddresses: ["news@a.example", "promo@a.example"],
      openBlocks: 1,
      blocksLast30Days: 2,
      blockedNow: { publicId: a.blocks[3]!.block.publicId, reason: "ABUSE", status: "ACTIVE" },
    });
    expect(billing).toMatchObject({ senderAddresses: [], openBlocks: 0, blocksLast30Days: 1, blockedNow: null });
    expect(overview.weeks).toHaveLength(12);
    const totals = overview.weeks.reduce(
      (t, w) => ({ SPAM: t.SPAM + w.SPAM, ABUSE: t.ABUSE + w.ABUSE, RATE: t.RATE + w.RATE }),
      { SPAM: 0, ABUSE: 0, RATE: 0 },
    );
    expect(totals).toEqual({ SPAM: 2, ABUSE: 1, RATE: 1 });
    const twoHoursAgo = Date.now() - 2 * 3_600_000;
    const week = overview.weeks.find(
      (w) => Date.parse(w.weekStart) <= twoHoursAgo && twoHoursAgo < Date.parse(w.weekStart) + 7 * 86_400_000,
    );
    expect(week?.ABUSE).toBe(1);
    expect(overview.newest.map((r) => r.publicId)).toEqual([3, 2, 1, 0].map((i) => a.blocks[i]!.block.publicId));
  });

  it("shows the first SMTP users (blocked ones first, then the most recently blocked), or all of them when asked", async () => {
    const a = await ownerWithBlocks();
    // More quiet SMTP users than the overview shows, each blocked once, longer ago than the account's own.
    for (let i = 0; i < SMTP_USERS_SHOWN + 3; i += 1) {
      const user = await createSmtpUser(a.accountId, `quiet-${String(i).padStart(2, "0")}`);
      const { block } = await createBlock({ accountId: a.accountId, smtpUserId: user.id, status: "EXPIRED" });
      await getDb().block.update({
        where: { id: block.id },
        data: { createdAt: new Date(Date.now() - (100 + i) * 86_400_000) },
      });
    }
    const first = await getAccountOverview({ ownerId: a.owner.id });
    expect(first).toMatchObject({ smtpUserCount: SMTP_USERS_SHOWN + 5, blockedSmtpUsers: 1 });
    expect(first.smtpUsers.map((u) => u.username)).toEqual([
      "newsletter",
      "billing",
      ...Array.from({ length: SMTP_USERS_SHOWN - 2 }, (_, i) => `quiet-${String(i).padStart(2, "0")}`),
    ]);
    const all = await getAccountOverview({ ownerId: a.owner.id, allSmtpUsers: true });
    expect(all.smtpUsers).toHaveLength(SMTP_USERS_SHOWN + 5);
    expect(all.smtpUsers.slice(0, SMTP_USERS_SHOWN)).toEqual(first.smtpUsers);
    expect(all.smtpUsers.at(-1)).toMatchObject({ username: `quiet-${SMTP_USERS_SHOWN + 2}`, blocksLast30Days: 0 });
  });

  it("filters the history and pages it by keyset, stable while new blocks arrive", async () => {
    const a = await ownerWithBlocks();
    const ids = (rows: { publicId: string }[]) => rows.map((r) => r.publicId);
    const p = (i: number) => a.blocks[i]!.block.publicId;
    expect(
      ids((await listAccountBlocks({ ownerId: a.owner.id, filters: { ...newest, smtpUser: a.news.id } })).rows),
    ).toEqual([p(3), p(1), p(0)]);
    expect(
      ids(
        (await listAccountBlocks({ ownerId: a.owner.id, filters: { ...newest, reason: "SPAM", status: "LIFTED" } }))
          .rows,
      ),
    ).toEqual([p(1)]);
    expect(
      ids((await listAccountBlocks({ ownerId: a.owner.id, filters: { ...newest, sender: "news@a.example" } })).rows),
    ).toEqual([p(3), p(0)]);
    expect(ids((await listAccountBlocks({ ownerId: a.owner.id, filters: { ...newest, q: "PROMO@" } })).rows)).toEqual([
      p(1),
    ]);
    expect(
      ids((await listAccountBlocks({ ownerId: a.owner.id, filters: { ...newest, q: p(2).toUpperCase() } })).rows),
    ).toEqual([p(2)]);
    expect(ids((await listAccountBlocks({ ownerId: a.owner.id, filters: { order: "oldest" } })).rows)).toEqual([
      p(0),
      p(1),
      p(2),
      p(3),
    ]);
    const day = (hoursAgo: number) => new Date(Date.now() - hoursAgo * 3_600_000).toISOString().slice(0, 10);
    expect(
      ids(
        (
          await listAccountBlocks({
            ownerId: a.owner.id,
            filters: parseHistoryFilters({ from: day(24 * 11), to: day(24 * 4) }),
          })
        ).rows,
      ),
    ).toEqual([p(2), p(1)]);
    // A wildcard in the search is a literal character.
    expect((await listAccountBlocks({ ownerId: a.owner.id, filters: { ...newest, q: "%" } })).rows).toEqual([]);

    const first = await listAccountBlocks({ ownerId: a.owner.id, filters: newest, limit: 2 });
    expect(ids(first.rows)).toEqual([p(3), p(2)]);
    // A new block arrives between the two pages.
    const extra = await createBlock({ accountId: a.accountId, smtpUserId: a.billing.id });
    const second = await listAccountBlocks({ ownerId: a.owner.id, filters: newest, cursor: first.next, limit: 2 });
    expect(ids(second.rows)).toEqual([p(1), p(0)]);
    expect(second.next).toBeNull();
    expect(ids((await listAccountBlocks({ ownerId: a.owner.id, filters: newest, limit: 1 })).rows)).toEqual([
      extra.block.publicId,
    ]);
  });

  it("pages through rows created in the same instant without skipping or repeating any", async () => {
    const a = await ownerWithBlocks();
    await getDb()
      .$executeRaw`UPDATE block SET created_at = '2026-01-01T00:00:00.123456Z' WHERE account_id = ${a.accountId}::uuid`;
    const seen: string[] = [];
    let cursor = null;
    do {
      const page: Awaited<ReturnType<typeof listAccountBlocks>> = await listAccountBlocks({
        ownerId: a.owner.id,
        filters: { order: "oldest" },
        cursor,
        limit: 1,
      });
      seen.push(...page.rows.map((r) => r.publicId));
      cursor = page.next;
    } while (cursor);
    expect(seen.sort()).toEqual(a.blocks.map((b) => b.block.publicId).sort());
  });

  it("shows the owner the report with its requests, and records the owner's own actions as OWNER", async () => {
    const a = await ownerWithBlocks();
    const target = a.blocks[3]!;
    const access = { ownerId: a.owner.id, publicId: target.block.publicId };
    const { reference } = await submitAppeal({
      link: access,
      fields: validAppealFields("ABUSE"),
      client: freshClient(),
    });
    const staff = await createUser("STAFF");
    await decideAppeal({
      staffId: staff.id,
      reference,
      fields: { decision: "ask", text: "Which list did you import, and when?" },
    });
    await replyToInfoRequest({
      link: access,
      fields: { body: "The March list; it is deleted." },
      client: freshClient(),
    });
    const kase = await reportMessage({ link: access, fields: { note: "Please look at this." }, client: freshClient() });
    const events = await getDb().event.findMany({
      where: { blockId: target.block.id, type: { in: ["APPEAL_SUBMITTED", "APPEAL_REPLIED", "CASE_OPENED"] } },
    });
    expect(events.map((e) => [e.type, e.actorType, e.actorId]).sort()).toEqual([
      ["APPEAL_REPLIED", "OWNER", a.owner.id],
      ["APPEAL_SUBMITTED", "OWNER", a.owner.id],
      ["CASE_OPENED", "OWNER", a.owner.id],
    ]);
    const report = await getOwnerReport(access);
    expect(report.report.status).toBe("UNDER_REVIEW");
    expect(report.appeals[0]).toMatchObject({ reference, status: "OPEN", decidedBy: null });
    expect(report.appeals[0]!.messages.map((m) => m.author)).toEqual(["STAFF", "OWNER"]);
    expect(report.cases[0]).toMatchObject({ reference: kase.reference, closingNote: null });

    // Compliance's reply reaches the owner; its internal note and the reviewer's name do not.
    await replyToCase({
      staffId: staff.id,
      reference: kase.reference,
      fields: { message: "We are looking at it today." },
    });
    await addCaseNote({
      staffId: staff.id,
      reference: kase.reference,
      fields: { note: "Internal: check the March import logs." },
    });
    const withReplies = await getOwnerReport(access);
    expect(withReplies.cases[0]!.messages.map((m) => [m.author, m.note, m.by])).toEqual([
      ["SENDER", "Please look at this.", null],
      ["STAFF", "We are looking at it today.", null],
    ]);
    expect(JSON.stringify(withReplies)).not.toContain("March import logs");
  });

  it("gives the owner a report's current link, the one the bounce gave, or says why it cannot", async () => {
    const a = await ownerWithBlocks();
    const { block, secret } = a.blocks[0]!;
    const link = await getOwnerReportLink({ ownerId: a.owner.id, publicId: block.publicId });
    expect(link.unavailable).toBeNull();
    const url = new URL(link.url!);
    expect([url.searchParams.get("id"), url.searchParams.get("auth")]).toEqual([block.publicId, secret]);
    await getDb().block.update({ where: { id: block.id }, data: { secretSealed: null } });
    await expect(getOwnerReportLink({ ownerId: a.owner.id, publicId: block.publicId })).resolves.toEqual({
      url: null,
      unavailable: "issued_before_links_were_kept",
    });
  });

  it("rotates a link: the old one is gone, the new one opens the report, and the rotation is on record", async () => {
    const a = await ownerWithBlocks();
    const { block, secret } = a.blocks[0]!;
    const rotated = await rotateReportLink({ ownerId: a.owner.id, publicId: block.publicId });
    const url = new URL(rotated.url);
    expect(url.searchParams.get("id")).toBe(block.publicId);
    await expect(getReportByLink({ publicId: block.publicId, secret })).rejects.toMatchObject({ code: "GONE" });
    await expect(
      getReportByLink({ publicId: block.publicId, secret: url.searchParams.get("auth")! }),
    ).resolves.toMatchObject({ publicId: block.publicId });
    const event = await getDb().event.findFirstOrThrow({ where: { blockId: block.id, type: "LINK_ROTATED" } });
    expect(event).toMatchObject({ actorType: "OWNER", actorId: a.owner.id });
    // The server can say the new link again (the relay's status check, the policy service).
    const { secretSealed } = await getDb().block.findUniqueOrThrow({
      where: { id: block.id },
      select: { secretSealed: true },
    });
    expect(currentReportLink(block.publicId, secretSealed)).toEqual({ url: rotated.url, unavailable: null });
    // The page's current link follows.
    await expect(getOwnerReportLink({ ownerId: a.owner.id, publicId: block.publicId })).resolves.toEqual({
      url: rotated.url,
      unavailable: null,
    });
    // Rotating again retires the second link too.
    const again = await rotateReportLink({ ownerId: a.owner.id, publicId: block.publicId });
    await expect(
      getReportByLink({ publicId: block.publicId, secret: url.searchParams.get("auth")! }),
    ).rejects.toMatchObject({ code: "GONE" });
    await expect(
      getReportByLink({ publicId: block.publicId, secret: new URL(again.url).searchParams.get("auth")! }),
    ).resolves.toBeTruthy();
  });
});

describe("the history export", () => {
  it("reads the whole filtered history in keyset windows, a few rows at a time, within the owner's account only", async () => {
    const a = await ownerWithBlocks();
    const { exportAccountBlocks } = await import("@/lib/data/account");
    const ids = [0, 1, 2, 3].map((i) => a.blocks[i]!.block.publicId);
    const chunksOf = async (rows: AsyncIterable<{ publicId: string }[]>) => {
      const chunks: string[][] = [];
      for await (const chunk of rows) chunks.push(chunk.map((r) => r.publicId));
      return chunks;
    };
    const oldest = { order: "oldest" } as const;
    // A window ends inside a chunk, on a chunk's end, and on the last row (then one more, empty, statement).
    for (const [windowRows, chunkRows, expected] of [
      [3, 2, [[ids[0], ids[1]], [ids[2]], [ids[3]]]],
      [
        2,
        2,
        [
          [ids[0], ids[1]],
          [ids[2], ids[3]],
        ],
      ],
      [4, 3, [[ids[0], ids[1], ids[2]], [ids[3]]]],
    ] as const) {
      const rows = await exportAccountBlocks({ ownerId: a.owner.id, filters: oldest, windowRows, chunkRows });
      expect(await chunksOf(rows)).toEqual(expected);
    }
    // A window also ends when it has been open windowMs (a client reading slowly): the next one
    // starts after the last row handed on, so nothing is skipped or repeated.
    for (const chunkRows of [1, 2, 3]) {
      const rows = await exportAccountBlocks({ ownerId: a.owner.id, filters: oldest, windowMs: 0, chunkRows });
      expect((await chunksOf(rows)).flat(), `chunks of ${chunkRows}`).toEqual(ids);
    }
    // …and the connection goes back to the export pool at each cut, so a client between chunks
    // does not keep it from others for longer than windowMs.
    const { getPool } = await import("@/lib/db/pools");
    const pool = getPool("export");
    let released = 0;
    const onRelease = () => (released += 1);
    pool.on("release", onRelease);
    try {
      const slow = await exportAccountBlocks({ ownerId: a.owner.id, filters: oldest, windowMs: 0, chunkRows: 1 });
      await slow.next();
      expect(released).toBe(0); // held while the client takes the chunk
      await slow.next(); // the client asks again: the window ends (cursor closed, connection given back), the next begins
      expect(released).toBe(1);
      await slow.return(undefined);
      expect(released).toBe(2);
    } finally {
      pool.off("release", onRelease);
    }
    // Times as Date.toISOString() writes them, made by Postgres: milliseconds, truncated (a Date from pg is too).
    await getDb()
      .$executeRaw`UPDATE block SET created_at = '2020-01-01 23:59:59.999999+00', ended_at = '2020-01-02 10:00:00.0005+00' WHERE id = ${a.blocks[0]!.block.id}::uuid`;
    const [first] = (await (await exportAccountBlocks({ ownerId: a.owner.id, filters: oldest })).next()).value!;
    expect([first!.createdAt, first!.endedAt]).toEqual(["2020-01-01T23:59:59.999Z", "2020-01-02T10:00:00.000Z"]);
    // The same rows as the history's pages.
    const exported = [];
    for await (const chunk of await exportAccountBlocks({ ownerId: a.owner.id, filters: newest }))
      exported.push(...chunk);
    const page = await listAccountBlocks({ ownerId: a.owner.id, filters: newest });
    expect(exported.map(({ micros, ...row }) => ({ ...row, cursor: { createdAt: micros, id: row.id } }))).toEqual(
      page.rows,
    );
    const other = await createUser("OWNER");
    const theirs = await exportAccountBlocks({ ownerId: other.id, filters: { order: "newest", smtpUser: a.news.id } });
    expect(await chunksOf(theirs)).toEqual([]);
    await expect(
      exportAccountBlocks({ ownerId: (await createUser("ADMIN")).id, filters: newest }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("block_daily_count", () => {
  it("follows inserts, moved and deleted blocks, and ignores updates that move nothing", async () => {
    const a = await ownerWithBlocks();
    const counts = async () =>
      (
        await getDb().blockDailyCount.findMany({
          where: { accountId: a.accountId, blocks: { not: 0 } },
          orderBy: [{ day: "asc" }, { reason: "asc" }],
        })
      ).map((c) => [
        c.day.toISOString().slice(0, 10),
        c.smtpUserId === a.news.id ? "news" : "billing",
        c.reason,
        c.blocks,
      ]);
    const day = (hoursAgo: number) => new Date(Date.now() - hoursAgo * 3_600_000).toISOString().slice(0, 10);
    const expected = [
      [day(24 * 40), "news", "SPAM", 1],
      [day(24 * 10), "news", "SPAM", 1],
      [day(24 * 5), "billing", "RATE", 1],
      [day(2), "news", "ABUSE", 1],
    ];
    expect(await counts()).toEqual(expected);
    const active = a.blocks[3]!.block;
    await getDb().block.update({ where: { id: active.id }, data: { status: "UNDER_REVIEW", attemptCount: 5 } });
    expect(await counts()).toEqual(expected);
    await getDb().block.update({
      where: { id: active.id },
      data: { reason: "SPAM", createdAt: new Date(Date.now() - 24 * 10 * 3_600_000) },
    });
    expect(await counts()).toEqual([
      [day(24 * 40), "news", "SPAM", 1],
      [day(24 * 10), "news", "SPAM", 2],
      [day(24 * 5), "billing", "RATE", 1],
    ]);
    await getDb().$executeRaw`DELETE FROM block WHERE id = ${a.blocks[2]!.block.id}::uuid`;
    expect(await counts()).toEqual([
      [day(24 * 40), "news", "SPAM", 1],
      [day(24 * 10), "news", "SPAM", 2],
    ]);
  });
});

describe("block_account_weekly_count", () => {
  /** The account's blocks per week and reason, summed over slots, as counted from block itself. */
  async function weekly(accountId: string) {
    const kept = await getDb().blockAccountWeeklyCount.groupBy({
      by: ["week", "reason"],
      where: { accountId },
      _sum: { blocks: true },
    });
    const blocks = await getDb().block.findMany({ where: { accountId }, select: { createdAt: true, reason: true } });
    const counted = new Map<string, number>();
    for (const b of blocks) {
      const key = `${weekStartOf(b.createdAt).toISOString().slice(0, 10)} ${b.reason}`;
      counted.set(key, (counted.get(key) ?? 0) + 1);
    }
    return {
      kept: kept
        .filter((k) => k._sum.blocks !== 0)
        .map((k) => `${k.week.toISOString().slice(0, 10)} ${k.reason} ${k._sum.blocks}`)
        .sort(),
      counted: [...counted].sort().map(([key, n]) => `${key} ${n}`),
    };
  }

  it("follows inserts, moved and deleted blocks, whichever connection writes them", async () => {
    const a = await ownerWithBlocks();
    const first = await weekly(a.accountId);
    expect(first.kept).toHaveLength(4);
    expect(first.kept).toEqual(first.counted);
    // Moved to another week and reason, from other connections (other slots): the sums still hold.
    const [moved, deleted] = [a.blocks[3]!.block, a.blocks[2]!.block];
    await Promise.all([
      getDb().block.update({
        where: { id: moved.id },
        data: { reason: "RATE", createdAt: new Date(Date.now() - 24 * 40 * 3_600_000) },
      }),
      getDb().$executeRaw`DELETE FROM block WHERE id = ${deleted.id}::uuid`,
      getDb().block.update({ where: { id: a.blocks[0]!.block.id }, data: { status: "LIFTED" } }),
    ]);
    const after = await weekly(a.accountId);
    expect(after.kept).toEqual(after.counted);
    expect(after.kept).toHaveLength(3);
  });

  it("is what the overview's chart shows, week by week (Monday, UTC)", async () => {
    const a = await ownerWithBlocks();
    const now = new Date();
    const overview = await getAccountOverview({ ownerId: a.owner.id, now });
    const shown = overview.weeks.flatMap((w) =>
      (["ABUSE", "RATE", "SPAM"] as const)
        .filter((r) => w[r] > 0)
        .map((r) => `${w.weekStart.slice(0, 10)} ${r} ${w[r]}`),
    );
    const { counted } = await weekly(a.accountId);
    const since = Date.parse(overview.weeks[0]!.weekStart);
    expect(shown).toEqual(counted.filter((line) => Date.parse(line.slice(0, 10)) >= since));
    expect(shown.length).toBeGreaterThanOrEqual(2); // the blocks of 2 h, 5 and 10 days ago (40 days is older)
  });
});
