import "server-only";
import { REFERENCE_PATTERN } from "@/lib/appeals/reference";
import { assertStaff } from "@/lib/data/blocks/actor";
import { isUuid } from "@/lib/data/ids";
import { getDb, Prisma } from "@/lib/db/client";
import type { AppealStatus, BlockReason, BlockStatus } from "@/lib/generated/prisma/enums";
import {
  AGE_OPTIONS,
  SEARCH_MIN_PART,
  decodeCursor,
  encodeCursor,
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
  /** How many items match the filters in each list (all pages). */
  counts: Record<QueueList, number>;
  /** The cursor of each list's next page; null on its last page. */
  next: Record<QueueList, string | null>;
}

/** Rows per page of each list. */
export const QUEUE_LIMIT = 200;

interface Row {
  id: string;
  reference: string;
  status: string;
  createdAt: Date;
  since: Date;
  cursorAt: string;
  publicId: string;
  reason: BlockReason;
  blockStatus: BlockStatus;
  smtpUser: string;
  senderAddress: string | null;
  accountName: string;
  escalationLevel: number;
  claimedById: string | null;
  claimedAt: Date | null;
  claimActiveAt: Date | null;
  holderName: string | null;
  messages: number;
}

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
 * (migration 20261207070200), then matched against the queue. A part search needs
 * SEARCH_MIN_PART characters (fewer cannot use the index): shorter text matches nothing.
 */
function searchCondition(q: string): Prisma.Sql {
  const upper = q.toUpperCase();
  if (REFERENCE_PATTERN.test(upper)) return Prisma.sql`i.reference = ${upper}`;
  if (/^[0-9a-f]{20}$/i.test(q)) return Prisma.sql`b.public_id = ${q.toLowerCase()}`;
  if (q.length < SEARCH_MIN_PART) return Prisma.sql`FALSE`;
  const pattern = `%${escapeLike(q)}%`;
  return Prisma.sql`i.block_id IN (
    SELECT id FROM block WHERE sender_address ILIKE ${pattern}
    UNION SELECT id FROM block WHERE smtp_user_id IN (SELECT id FROM smtp_user WHERE username ILIKE ${pattern})
    UNION SELECT id FROM block WHERE account_id IN (SELECT id FROM account WHERE name ILIKE ${pattern}))`;
}

function conditions(
  list: QueueList,
  filters: QueueFilters,
  staffId: string,
  now: Date,
): { where: Prisma.Sql; mine: Prisma.Sql; notMine: Prisma.Sql; joins: boolean } {
  const source = LIST_SOURCE[list];
  const cutoff = claimCutoff(now);
  const mine = Prisma.sql`(i.claimed_by_id = ${staffId}::uuid AND i.claim_active_at > ${cutoff})`;
  const notMine = Prisma.sql`(i.claimed_by_id IS NULL OR i.claimed_by_id <> ${staffId}::uuid OR i.claim_active_at <= ${cutoff})`;
  const parts: Prisma.Sql[] = [source.where];
  if (filters.reason) parts.push(Prisma.sql`b.reason = ${filters.reason}::block_reason`);
  if (filters.level) parts.push(Prisma.sql`b.escalation_level >= ${filters.level}`);
  if (filters.age)
    parts.push(Prisma.sql`${source.since} <= ${new Date(now.getTime() - AGE_OPTIONS[filters.age] * 3_600_000)}`);
  if (filters.assignee === "mine") parts.push(mine);
  if (filters.assignee === "unassigned")
    parts.push(Prisma.sql`(i.claimed_by_id IS NULL OR i.claim_active_at <= ${cutoff})`);
  if (filters.q) parts.push(searchCondition(filters.q));
  // Whether a condition reads the block, SMTP user or account (a count without one reads the item table alone).
  const joins = Boolean(filters.reason || filters.level || filters.q);
  return { where: Prisma.join(parts, " AND "), mine, notMine, joins };
}

const JOINS = Prisma.sql`
  JOIN block b ON b.id = i.block_id
  JOIN smtp_user s ON s.id = b.smtp_user_id
  JOIN account acc ON acc.id = b.account_id`;

/** One run of a list in queue order: the viewer's own claims, or everyone else's items. */
async function selectRows(
  list: QueueList,
  where: Prisma.Sql,
  after: QueueCursor | null,
  limit: number,
): Promise<Row[]> {
  const source = LIST_SOURCE[list];
  const page = after
    ? Prisma.sql`AND (${source.since}, i.id) > (${after.at}::timestamp AT TIME ZONE 'UTC', ${after.id}::uuid)`
    : Prisma.empty;
  return getDb().$queryRaw<Row[]>`
    SELECT i.id, i.reference, i.status::text AS status, i.created_at AS "createdAt", ${source.since} AS since,
           to_char(${source.since} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') AS "cursorAt",
           b.public_id AS "publicId", b.reason, b.status AS "blockStatus", s.username AS "smtpUser", b.sender_address AS "senderAddress",
           acc.name AS "accountName", b.escalation_level AS "escalationLevel",
           i.claimed_by_id AS "claimedById", i.claimed_at AS "claimedAt", i.claim_active_at AS "claimActiveAt", u.name AS "holderName",
           ${source.messages} AS messages
      FROM ${source.table} i ${JOINS}
      LEFT JOIN app_user u ON u.id = i.claimed_by_id
     WHERE ${where} ${page}
     ORDER BY ${source.since}, i.id
     LIMIT ${limit}`;
}

/*
 * A page of a list: the viewer's own claimed items first, then everyone else's, each run
 * the longest waiting first. Two index-ordered queries rather than one sorted on "mine":
 * a page costs the same with a hundred thousand items waiting as with ten.
 */
async function listPage(
  list: QueueList,
  filters: QueueFilters,
  staffId: string,
  now: Date,
  after: string | undefined,
  pageSize: number,
): Promise<{ rows: (Row & { mine: boolean })[]; next: string | null }> {
  const { where, mine, notMine } = conditions(list, filters, staffId, now);
  const cursor = decodeCursor(after);
  const rows: (Row & { mine: boolean })[] = [];
  if (!cursor || cursor.mine) {
    rows.push(
      ...(await selectRows(list, Prisma.sql`${where} AND ${mine}`, cursor, pageSize + 1)).map((row) => ({
        ...row,
        mine: true,
      })),
    );
  }
  if (rows.length <= pageSize) {
    const others = await selectRows(
      list,
      Prisma.sql`${where} AND ${notMine}`,
      cursor && !cursor.mine ? cursor : null,
      pageSize + 1 - rows.length,
    );
    rows.push(...others.map((row) => ({ ...row, mine: false })));
  }
  const last = rows.length > pageSize ? rows[pageSize - 1] : undefined;
  return {
    rows: rows.slice(0, pageSize),
    next: last ? encodeCursor({ at: last.cursorAt, id: last.id, mine: last.mine }) : null,
  };
}

async function countList(list: QueueList, filters: QueueFilters, staffId: string, now: Date): Promise<number> {
  const source = LIST_SOURCE[list];
  const { where, joins } = conditions(list, filters, staffId, now);
  const [row] = await getDb().$queryRaw<
    { count: number }[]
  >`SELECT count(*)::int AS count FROM ${source.table} i ${joins ? JOINS : Prisma.empty} WHERE ${where}`;
  return row?.count ?? 0;
}

function toItem(row: Row & { mine: boolean }, now: Date): QueueItem {
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
  const shown = (list: QueueList) => !filters.list || filters.list === list;
  const empty = { rows: [] as (Row & { mine: boolean })[], next: null };
  const [pages, counts] = await Promise.all([
    Promise.all(
      QUEUE_LISTS.map((list) => (shown(list) ? listPage(list, filters, me, now, after[list], pageSize) : empty)),
    ),
    Promise.all(QUEUE_LISTS.map((list) => countList(list, filters, me, now))),
  ]);
  const [decide, waiting, cases] = pages as [typeof empty, typeof empty, typeof empty];
  const appeal = (row: Row & { mine: boolean }): QueueAppeal => ({
    ...toItem(row, now),
    status: row.status as AppealStatus,
    submittedAt: row.createdAt.toISOString(),
  });
  return {
    toDecide: decide.rows.map(appeal),
    waitingForSender: waiting.rows.map(appeal),
    cases: cases.rows.map((row) => ({
      ...toItem(row, now),
      openedAt: row.createdAt.toISOString(),
      messages: row.messages,
    })),
    counts: { decide: counts[0]!, waiting: counts[1]!, cases: counts[2]! },
    next: { decide: decide.next, waiting: waiting.next, cases: cases.next },
  };
}
