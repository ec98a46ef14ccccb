import "server-only";
import { REFERENCE_PATTERN } from "@/lib/appeals/reference";
import { assertStaff } from "@/lib/data/blocks/actor";
import { isUuid } from "@/lib/data/ids";
import { z } from "zod";
import { getDb, Prisma } from "@/lib/db/client";
import { queryRows } from "@/lib/db/sql";
import { BlockReason, BlockStatus, type AppealStatus } from "@/lib/generated/prisma/enums";
import {
  AGE_OPTIONS,
  isSearchTooShort,
  decodeCursor,
  encodeCursor,
  QUEUE_COUNT_CAP,
  QUEUE_LISTS,
  type QueueCursor,
  type QueueCursors,
  type QueueFilters,
  type QueueList,
} from "@/lib/staff/queue-filters";
import { claimCutoff, liveClaim, type ClaimView } from "./claims";

export interface QueueBlock {
  publicId: string;
  reason: BlockReason;
  status: BlockStatus;
  smtpUser: string;
  senderAddress: string | null;
  accountName: string;
  escalationLevel: number;
}

export interface QueueItem {
  reference: string;
  /** The moment that places the item in its list: a request to decide, when it was submitted; one waiting for the sender, when they were asked; a case, when it was opened. */
  since: string;
  block: QueueBlock;
  /** The live claim on it, if any. */
  claim: ClaimView | null;
  /** Claimed by the viewer: these rows come first in every list. */
  mine: boolean;
}

export interface QueueAppeal extends QueueItem {
  status: AppealStatus;
  submittedAt: string;
}

export interface QueueCase extends QueueItem {
  openedAt: string;
  messages: number;
}

export interface ReviewQueue {
  /** OPEN requests, waiting for a decision, the viewer's claimed ones first, then the longest-waiting. */
  toDecide: QueueAppeal[];
  /** NEEDS_INFO requests, waiting for the sender's answer. */
  waitingForSender: QueueAppeal[];
  /** Open "Report message" cases, oldest first. */
  cases: QueueCase[];
  /** How many items match the filters in each list (all pages), up to QUEUE_COUNT_CAP + 1: more than the cap reads "1,000+". */
  counts: Record<QueueList, number>;
  /** The cursor of each list's next page; null on its last page. */
  next: Record<QueueList, string | null>;
}

/** Rows per page of each list: enough to triage from, small enough to render fast (bench:staff). */
export const QUEUE_LIMIT = 50;

/** A timestamp in the JSON document: Postgres writes it with its microseconds and offset. */
const timestamp = z.iso.datetime({ offset: true }).transform((value) => new Date(value));

const row = z.object({
  list: z.enum(QUEUE_LISTS),
  mine: z.boolean(),
  id: z.string(),
  reference: z.string(),
  status: z.string(),
  createdAt: timestamp,
  since: timestamp,
  cursorAt: z.string(),
  publicId: z.string(),
  reason: z.enum(BlockReason),
  blockStatus: z.enum(BlockStatus),
  smtpUser: z.string(),
  senderAddress: z.string().nullable(),
  accountName: z.string(),
  escalationLevel: z.number().int(),
  claimedById: z.string().nullable(),
  claimedAt: timestamp.nullable(),
  claimActiveAt: timestamp.nullable(),
  holderName: z.string().nullable(),
  messages: z.number().int(),
});
type Row = z.infer<typeof row>;

const queueDocument = z.object({
  queue: z.object({
    counts: z.object({ decide: z.number().int(), waiting: z.number().int(), cases: z.number().int() }),
    rows: z.array(row),
  }),
});

const LIST_SOURCE: Record<
  QueueList,
  { table: Prisma.Sql; since: Prisma.Sql; where: Prisma.Sql; messages: Prisma.Sql }
> = {
  // A request to decide keeps the place it took when submitted: an answered question returns
  // it to that place, not to the back of the list.
  decide: {
    table: Prisma.sql`appeal`,
    since: Prisma.sql`i.created_at`,
    where: Prisma.sql`i.status = 'OPEN'`,
    messages: Prisma.sql`0`,
  },
  waiting: {
    table: Prisma.sql`appeal`,
    since: Prisma.sql`i.updated_at`,
    where: Prisma.sql`i.status = 'NEEDS_INFO'`,
    messages: Prisma.sql`0`,
  },
  cases: {
    table: Prisma.sql`compliance_case`,
    since: Prisma.sql`i.created_at`,
    where: Prisma.sql`i.status = 'OPEN'`,
    messages: Prisma.sql`(SELECT count(*)::int FROM case_message m WHERE m.case_id = i.id)`,
  },
};

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * What the search box matches: a reference or report id exactly, else part of the sender
 * address, SMTP user or account name — each looked up through its trigram index
 * (migration 20261207070200). A part search needs SEARCH_MIN_PART characters (fewer cannot
 * use the index): shorter text matches nothing. The blocks a part search matches are found
 * once per statement (`matched`, a CTE every list shares), not once per list: a trigram that
 * most addresses share (".example") makes that lookup the costliest part of a search.
 */
function search(q: string | undefined): { matched: Prisma.Sql | null; where: Prisma.Sql | null; block: boolean } {
  if (!q) return { matched: null, where: null, block: false };
  const upper = q.toUpperCase();
  if (REFERENCE_PATTERN.test(upper)) return { matched: null, where: Prisma.sql`i.reference = ${upper}`, block: false };
  if (/^[0-9a-f]{20}$/i.test(q))
    return { matched: null, where: Prisma.sql`b.public_id = ${q.toLowerCase()}`, block: true };
  if (isSearchTooShort(q)) return { matched: null, where: Prisma.sql`FALSE`, block: false };
  const pattern = `%${escapeLike(q)}%`;
  return {
    matched: Prisma.sql`matched AS MATERIALIZED (
      SELECT id FROM block WHERE sender_address ILIKE ${pattern}
      UNION SELECT id FROM block WHERE smtp_user_id IN (SELECT id FROM smtp_user WHERE username ILIKE ${pattern})
      UNION SELECT id FROM block WHERE account_id IN (SELECT id FROM account WHERE name ILIKE ${pattern}))`,
    where: Prisma.sql`i.block_id IN (SELECT id FROM matched)`,
    block: false,
  };
}

interface Conditions {
  /** The CTEs the statement starts with (the search's matched blocks), or empty. */
  with: Prisma.Sql;
  where: (list: QueueList) => Prisma.Sql;
  mine: Prisma.Sql;
  notMine: Prisma.Sql;
  /** Whether a condition reads the block (a count without one reads the item table alone). */
  joinsBlock: boolean;
}

function conditions(filters: QueueFilters, staffId: string, now: Date): Conditions {
  const cutoff = claimCutoff(now);
  const mine = Prisma.sql`(i.claimed_by_id = ${staffId}::uuid AND i.claim_active_at > ${cutoff})`;
  const notMine = Prisma.sql`(i.claimed_by_id IS NULL OR i.claimed_by_id <> ${staffId}::uuid OR i.claim_active_at <= ${cutoff})`;
  const found = search(filters.q);
  const shared: Prisma.Sql[] = [];
  if (filters.reason) shared.push(Prisma.sql`b.reason = ${filters.reason}::block_reason`);
  if (filters.level) shared.push(Prisma.sql`b.escalation_level >= ${filters.level}`);
  if (filters.assignee === "mine") shared.push(mine);
  if (filters.assignee === "unassigned")
    shared.push(Prisma.sql`(i.claimed_by_id IS NULL OR i.claim_active_at <= ${cutoff})`);
  if (found.where) shared.push(found.where);
  const olderThan = filters.age ? new Date(now.getTime() - AGE_OPTIONS[filters.age] * 3_600_000) : null;
  return {
    with: found.matched ? Prisma.sql`WITH ${found.matched}` : Prisma.empty,
    where: (list) => {
      const source = LIST_SOURCE[list];
      const parts = [source.where, ...shared];
      if (olderThan) parts.push(Prisma.sql`${source.since} <= ${olderThan}`);
      return Prisma.join(parts, " AND ");
    },
    mine,
    notMine,
    joinsBlock: Boolean(filters.reason || filters.level || found.block),
  };
}

/**
 * One run of a list in queue order, the viewer's own claims or everyone else's items: the
 * item table alone (and the block when a filter reads it). The block, SMTP user, account and
 * claim holder are joined once, to the page's rows, outside every run: a statement of six
 * runs that each joined five tables took longer to plan than to run.
 */
function run(
  list: QueueList,
  mine: boolean,
  where: Prisma.Sql,
  joinsBlock: boolean,
  after: QueueCursor | null,
  limit: number,
): Prisma.Sql {
  const source = LIST_SOURCE[list];
  const page = after
    ? Prisma.sql`AND (${source.since}, i.id) > (${after.at}::timestamp AT TIME ZONE 'UTC', ${after.id}::uuid)`
    : Prisma.empty;
  return Prisma.sql`(
    SELECT ${list}::text AS list, ${mine ? Prisma.sql`TRUE` : Prisma.sql`FALSE`} AS mine, i.id::text AS id, i.reference,
           i.status::text AS status, i.created_at AS "createdAt", ${source.since} AS since,
           to_char(${source.since} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') AS "cursorAt",
           i.block_id AS "blockId", i.claimed_by_id AS "claimedById", i.claimed_at AS "claimedAt",
           i.claim_active_at AS "claimActiveAt", ${source.messages} AS messages
      FROM ${source.table} i ${joinsBlock ? Prisma.sql`JOIN block b ON b.id = i.block_id` : Prisma.empty}
     WHERE ${where} ${page}
     ORDER BY ${source.since}, i.id
     LIMIT ${limit})`;
}

/** A list's matching items, counted up to one past QUEUE_COUNT_CAP (lib/staff/queue-filters.ts). */
function count(list: QueueList, where: Conditions): Prisma.Sql {
  return Prisma.sql`(SELECT count(*)::int FROM (SELECT 1 FROM ${LIST_SOURCE[list].table} i ${
    where.joinsBlock ? Prisma.sql`JOIN block b ON b.id = i.block_id` : Prisma.empty
  } WHERE ${where.where(list)} LIMIT ${QUEUE_COUNT_CAP + 1}) AS matching)`;
}

/*
 * The queue in one statement, as one JSON document (one round trip, one plan, and a search's
 * matched blocks found once): every list's count, and a page of each shown list — per list,
 * the viewer's own claimed items first, then everyone else's, each run the longest waiting
 * first. Two index-ordered runs rather than one sorted on "mine": a page costs the same with
 * a hundred thousand items waiting as with ten. Each run reads one more row than the page,
 * which tells whether a next page exists.
 */
async function readQueue(
  lists: QueueList[],
  where: Conditions,
  cursors: QueueCursors,
  pageSize: number,
): Promise<{ counts: Record<QueueList, number>; pages: Record<QueueList, { rows: Row[]; next: string | null }> }> {
  const runs: Prisma.Sql[] = [];
  for (const list of lists) {
    const cursor = decodeCursor(cursors[list]);
    if (!cursor || cursor.mine)
      runs.push(
        run(list, true, Prisma.sql`${where.where(list)} AND ${where.mine}`, where.joinsBlock, cursor, pageSize + 1),
      );
    runs.push(
      run(
        list,
        false,
        Prisma.sql`${where.where(list)} AND ${where.notMine}`,
        where.joinsBlock,
        cursor && !cursor.mine ? cursor : null,
        pageSize + 1,
      ),
    );
  }
  const rows =
    runs.length === 0
      ? Prisma.sql`'[]'::json`
      : Prisma.sql`coalesce((SELECT json_agg(page) FROM (
          SELECT p.*, b.public_id AS "publicId", b.reason::text AS reason, b.status::text AS "blockStatus",
                 s.username AS "smtpUser", b.sender_address AS "senderAddress", acc.name AS "accountName",
                 b.escalation_level AS "escalationLevel", u.name AS "holderName"
            FROM (${Prisma.join(runs, " UNION ALL ")}) AS p
            JOIN block b ON b.id = p."blockId"
            JOIN smtp_user s ON s.id = b.smtp_user_id
            JOIN account acc ON acc.id = b.account_id
            LEFT JOIN app_user u ON u.id = p."claimedById") AS page), '[]'::json)`;
  const [document] = await queryRows(
    getDb(),
    Prisma.sql`${where.with}
      SELECT json_build_object(
        'counts', json_build_object('decide', ${count("decide", where)}, 'waiting', ${count("waiting", where)}, 'cases', ${count("cases", where)}),
        'rows', ${rows}) AS queue`,
    queueDocument,
  );
  const { counts, rows: found } = document!.queue;
  const pages = Object.fromEntries(QUEUE_LISTS.map((list) => [list, { rows: [] as Row[], next: null }])) as Record<
    QueueList,
    { rows: Row[]; next: string | null }
  >;
  // UNION ALL keeps no order between runs: each list is its own claims, in queue order, then the rest.
  const order = (a: Row, b: Row) =>
    Number(b.mine) - Number(a.mine) || a.cursorAt.localeCompare(b.cursorAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  for (const list of lists) {
    const all = found.filter((r) => r.list === list).sort(order);
    const last = all.length > pageSize ? all[pageSize - 1] : undefined;
    pages[list] = {
      rows: all.slice(0, pageSize),
      next: last ? encodeCursor({ at: last.cursorAt, id: last.id, mine: last.mine }) : null,
    };
  }
  return { counts, pages };
}

function toItem(row: Row, now: Date): QueueItem {
  return {
    reference: row.reference,
    since: row.since.toISOString(),
    mine: row.mine,
    block: {
      publicId: row.publicId,
      reason: row.reason,
      status: row.blockStatus,
      smtpUser: row.smtpUser,
      senderAddress: row.senderAddress,
      accountName: row.accountName,
      escalationLevel: row.escalationLevel,
    },
    claim: liveClaim({ ...row, claimedBy: row.holderName === null ? null : { name: row.holderName } }, now),
  };
}

const NO_FILTERS: QueueFilters = { assignee: "anyone", q: undefined };

/**
 * The compliance queue across every account: the three lists, filtered, one page of each
 * (keyset pagination: `after` holds each list's cursor from the previous page), with the
 * number of matching items per list. Callers: the staff console, for a staff member (STAFF
 * or ADMIN, checked here against the database); anyone else gets FORBIDDEN.
 */
export async function listReviewQueue({
  staffId,
  filters = NO_FILTERS,
  after = {},
  now = new Date(),
  pageSize = QUEUE_LIMIT,
}: {
  staffId: string;
  filters?: QueueFilters;
  after?: QueueCursors;
  now?: Date;
  pageSize?: number;
}): Promise<ReviewQueue> {
  await assertStaff(getDb(), staffId);
  const me = isUuid(staffId) ? staffId : "00000000-0000-0000-0000-000000000000";
  pageSize = Math.min(500, Math.max(1, Math.trunc(pageSize)));
  const where = conditions(filters, me, now);
  const shown = QUEUE_LISTS.filter((list) => !filters.list || filters.list === list);
  const { pages, counts } = await readQueue(shown, where, after, pageSize);
  const appeal = (row: Row): QueueAppeal => ({
    ...toItem(row, now),
    status: row.status as AppealStatus,
    submittedAt: row.createdAt.toISOString(),
  });
  return {
    toDecide: pages.decide.rows.map(appeal),
    waitingForSender: pages.waiting.rows.map(appeal),
    cases: pages.cases.rows.map((row) => ({
      ...toItem(row, now),
      openedAt: row.createdAt.toISOString(),
      messages: row.messages,
    })),
    counts,
    next: { decide: pages.decide.next, waiting: pages.waiting.next, cases: pages.cases.next },
  };
}
