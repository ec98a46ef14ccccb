import "server-only";
import { REFERENCE_PATTERN } from "@/lib/appeals/reference";
import { assertActor } from "@/lib/data/blocks/actor";
import { isUuid } from "@/lib/data/ids";
import { autocommit } from "@/lib/data/sql-tx";
import { getDb, Prisma } from "@/lib/db/client";
import type { AppealStatus, BlockReason, BlockStatus } from "@/lib/generated/prisma/enums";
import { AGE_OPTIONS, decodeCursor, encodeCursor, QUEUE_LISTS, type QueueCursors, type QueueFilters, type QueueList } from "@/lib/staff/queue-filters";
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
  /** The moment the item has been waiting since (a request: submitted, answered or asked about; a case: opened). */
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
export const QUEUE_LIMIT = 50;

interface Row {
  id: string;
  reference: string;
  status: string;
  createdAt: Date;
  since: Date;
  cursorAt: string;
  mine: boolean;
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

const LIST_SOURCE: Record<QueueList, { table: Prisma.Sql; since: Prisma.Sql; where: Prisma.Sql; messages: Prisma.Sql }> = {
  decide: { table: Prisma.sql`appeal`, since: Prisma.sql`i.updated_at`, where: Prisma.sql`i.status = 'OPEN'`, messages: Prisma.sql`0` },
  waiting: { table: Prisma.sql`appeal`, since: Prisma.sql`i.updated_at`, where: Prisma.sql`i.status = 'NEEDS_INFO'`, messages: Prisma.sql`0` },
  cases: {
    table: Prisma.sql`compliance_case`, since: Prisma.sql`i.created_at`, where: Prisma.sql`i.status = 'OPEN'`,
    messages: Prisma.sql`(SELECT count(*)::int FROM case_message m WHERE m.case_id = i.id)`,
  },
};

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** What the search box matches: a reference or report id exactly, else part of the sender address, SMTP user or account name. */
function searchCondition(q: string): Prisma.Sql {
  const upper = q.toUpperCase();
  if (REFERENCE_PATTERN.test(upper)) return Prisma.sql`i.reference = ${upper}`;
  if (/^[0-9a-f]{20}$/i.test(q)) return Prisma.sql`b.public_id = ${q.toLowerCase()}`;
  const pattern = `%${escapeLike(q)}%`;
  return Prisma.sql`(b.sender_address ILIKE ${pattern} OR s.username ILIKE ${pattern} OR acc.name ILIKE ${pattern})`;
}

function conditions(list: QueueList, filters: QueueFilters, staffId: string, now: Date): { where: Prisma.Sql; mine: Prisma.Sql } {
  const source = LIST_SOURCE[list];
  const cutoff = claimCutoff(now);
  const mine = Prisma.sql`coalesce(i.claimed_by_id = ${staffId}::uuid AND i.claim_active_at > ${cutoff}, false)`;
  const parts: Prisma.Sql[] = [source.where];
  if (filters.reason) parts.push(Prisma.sql`b.reason = ${filters.reason}::block_reason`);
  if (filters.level) parts.push(Prisma.sql`b.escalation_level >= ${filters.level}`);
  if (filters.age) parts.push(Prisma.sql`${source.since} <= ${new Date(now.getTime() - AGE_OPTIONS[filters.age] * 3_600_000)}`);
  if (filters.assignee === "mine") parts.push(mine);
  if (filters.assignee === "unassigned") parts.push(Prisma.sql`(i.claimed_by_id IS NULL OR i.claim_active_at <= ${cutoff})`);
  if (filters.q) parts.push(searchCondition(filters.q));
  return { where: Prisma.join(parts, " AND "), mine };
}

const FROM = (table: Prisma.Sql) => Prisma.sql`
  FROM ${table} i
  JOIN block b ON b.id = i.block_id
  JOIN smtp_user s ON s.id = b.smtp_user_id
  JOIN account acc ON acc.id = b.account_id`;

async function listPage(list: QueueList, filters: QueueFilters, staffId: string, now: Date, after: string | undefined): Promise<{ rows: Row[]; next: string | null }> {
  const source = LIST_SOURCE[list];
  const { where, mine } = conditions(list, filters, staffId, now);
  const cursor = decodeCursor(after);
  const page = cursor
    ? Prisma.sql`AND (NOT ${mine}, ${source.since}, i.id) > (${!cursor.mine}, ${cursor.at}::timestamp AT TIME ZONE 'UTC', ${cursor.id}::uuid)`
    : Prisma.empty;
  const rows = await getDb().$queryRaw<Row[]>`
    SELECT i.id, i.reference, i.status::text AS status, i.created_at AS "createdAt", ${source.since} AS since,
           to_char(${source.since} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') AS "cursorAt", ${mine} AS mine,
           b.public_id AS "publicId", b.reason, b.status AS "blockStatus", s.username AS "smtpUser", b.sender_address AS "senderAddress",
           acc.name AS "accountName", b.escalation_level AS "escalationLevel",
           i.claimed_by_id AS "claimedById", i.claimed_at AS "claimedAt", i.claim_active_at AS "claimActiveAt", u.name AS "holderName",
           ${source.messages} AS messages
    ${FROM(source.table)}
    LEFT JOIN app_user u ON u.id = i.claimed_by_id
    WHERE ${where} ${page}
    ORDER BY NOT ${mine}, ${source.since}, i.id
    LIMIT ${QUEUE_LIMIT + 1}`;
  const last = rows.length > QUEUE_LIMIT ? rows[QUEUE_LIMIT - 1] : undefined;
  return { rows: rows.slice(0, QUEUE_LIMIT), next: last ? encodeCursor({ at: last.cursorAt, id: last.id, mine: last.mine }) : null };
}

async function countList(list: QueueList, filters: QueueFilters, staffId: string, now: Date): Promise<number> {
  const source = LIST_SOURCE[list];
  const { where } = conditions(list, filters, staffId, now);
  const [row] = await getDb().$queryRaw<{ count: number }[]>`SELECT count(*)::int AS count ${FROM(source.table)} WHERE ${where}`;
  return row?.count ?? 0;
}

function toItem(row: Row, now: Date): QueueItem {
  return {
    reference: row.reference,
    since: row.since.toISOString(),
    mine: row.mine,
    block: {
      publicId: row.publicId, reason: row.reason, status: row.blockStatus, smtpUser: row.smtpUser, senderAddress: row.senderAddress,
      accountName: row.accountName, escalationLevel: row.escalationLevel,
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
export async function listReviewQueue({ staffId, filters = NO_FILTERS, after = {}, now = new Date() }: { staffId: string; filters?: QueueFilters; after?: QueueCursors; now?: Date }): Promise<ReviewQueue> {
  await assertActor(autocommit(), { type: "STAFF", id: staffId });
  const me = isUuid(staffId) ? staffId : "00000000-0000-0000-0000-000000000000";
  const shown = (list: QueueList) => !filters.list || filters.list === list;
  const empty = { rows: [] as Row[], next: null };
  const [pages, counts] = await Promise.all([
    Promise.all(QUEUE_LISTS.map((list) => (shown(list) ? listPage(list, filters, me, now, after[list]) : empty))),
    Promise.all(QUEUE_LISTS.map((list) => countList(list, filters, me, now))),
  ]);
  const [decide, waiting, cases] = pages as [typeof empty, typeof empty, typeof empty];
  const appeal = (row: Row): QueueAppeal => ({ ...toItem(row, now), status: row.status as AppealStatus, submittedAt: row.createdAt.toISOString() });
  return {
    toDecide: decide.rows.map(appeal),
    waitingForSender: waiting.rows.map(appeal),
    cases: cases.rows.map((row) => ({ ...toItem(row, now), openedAt: row.createdAt.toISOString(), messages: row.messages })),
    counts: { decide: counts[0]!, waiting: counts[1]!, cases: counts[2]! },
    next: { decide: decide.next, waiting: waiting.next, cases: cases.next },
  };
}
