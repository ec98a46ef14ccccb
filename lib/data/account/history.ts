import "server-only";
import { isReportIdSearch, type HistoryCursor, type HistoryFilters } from "@/lib/account/history-filters";
import { z } from "zod";
import { getDb, Prisma } from "@/lib/db/client";
import { queryRows, streamRows, type SqlTarget } from "@/lib/db/sql";
import { AppealStatus, BlockReason, BlockStatus } from "@/lib/generated/prisma/enums";
import { ownerScope } from "./scope";

export const HISTORY_PAGE_SIZE = 50;

export interface HistoryRow {
  id: string;
  publicId: string;
  status: BlockStatus;
  reason: BlockReason;
  smtpUser: string;
  senderAddress: string | null;
  createdAt: string;
  endedAt: string | null;
  /** Where the latest review request stands; null without one. */
  review: AppealStatus | null;
  /** The row's position for keyset pagination (microseconds since the epoch and id). */
  cursor: HistoryCursor;
}

export interface HistoryPage {
  rows: HistoryRow[];
  /** The cursor of the next page, or null on the last page. */
  next: HistoryCursor | null;
}

const likePrefix = (text: string) => `${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The WHERE clause of a filtered history, always within one account. */
export function historyWhere(accountId: string, filters: HistoryFilters): Prisma.Sql {
  const parts: Prisma.Sql[] = [Prisma.sql`b.account_id = ${accountId}::uuid`];
  if (filters.status) parts.push(Prisma.sql`b.status = ${filters.status}::block_status`);
  if (filters.reason) parts.push(Prisma.sql`b.reason = ${filters.reason}::block_reason`);
  if (filters.smtpUser) parts.push(Prisma.sql`b.smtp_user_id = ${filters.smtpUser}::uuid`);
  if (filters.sender) parts.push(Prisma.sql`b.sender_address = ${filters.sender}`);
  if (filters.from) parts.push(Prisma.sql`b.created_at >= ${filters.from}::date::timestamptz`);
  if (filters.to) parts.push(Prisma.sql`b.created_at < (${filters.to}::date + 1)::timestamptz`);
  if (filters.q) {
    parts.push(
      isReportIdSearch(filters.q)
        ? Prisma.sql`b.public_id = ${filters.q.toLowerCase()}`
        : Prisma.sql`b.sender_address ILIKE ${likePrefix(filters.q)}`,
    );
  }
  return Prisma.join(parts, " AND ");
}

/** The keyset condition and order: rows strictly after the cursor, in the page's direction. */
export function keysetSql(order: HistoryFilters["order"], cursor: HistoryCursor | null) {
  const newest = order === "newest";
  const after = cursor
    ? newest
      ? Prisma.sql`AND (b.created_at, b.id) < ('epoch'::timestamptz + ${cursor.createdAt}::bigint * interval '1 microsecond', ${cursor.id}::uuid)`
      : Prisma.sql`AND (b.created_at, b.id) > ('epoch'::timestamptz + ${cursor.createdAt}::bigint * interval '1 microsecond', ${cursor.id}::uuid)`
    : Prisma.empty;
  const orderBy = newest
    ? Prisma.sql`ORDER BY b.created_at DESC, b.id DESC`
    : Prisma.sql`ORDER BY b.created_at ASC, b.id ASC`;
  return { after, orderBy };
}

/** Microseconds since the epoch as exact text: the cursor must not lose Postgres's precision. */
export const MICROS_SQL = Prisma.sql`(extract(epoch FROM date_trunc('microseconds', b.created_at)) * 1000000)::bigint::text`;

/**
 * One page of an account's blocks, filtered and in order, with keyset pagination on
 * (created_at, id): a page shows the same rows however many blocks arrive meanwhile.
 * Callers: the owner portal, for an OWNER (the account comes from the database by their id).
 */
export async function listAccountBlocks({
  ownerId,
  filters,
  cursor = null,
  limit = HISTORY_PAGE_SIZE,
}: {
  ownerId: string;
  filters: HistoryFilters;
  cursor?: HistoryCursor | null;
  limit?: number;
}): Promise<HistoryPage> {
  const { accountId } = await ownerScope(ownerId);
  return historyPage(accountId, filters, cursor, limit);
}

/**
 * The export reads the history in keyset windows of this many rows, one statement each, so
 * a download taken slowly holds a connection and a snapshot for one window at a time, and
 * an export that finds the pool's connections taken waits for a window, not a whole download.
 */
export const EXPORT_WINDOW_ROWS = 10_000;

/**
 * …and a window also ends once it has been open this long, at the next chunk the client
 * takes: a client that reads slowly but steadily gives its connection back every couple of
 * seconds and queues for the next, behind whoever waited. (A window of 10,000 rows read at
 * full speed takes about 150 ms.) A client that stops reading is csvStream's stall limit.
 */
export const EXPORT_WINDOW_MS = 2_000;

/**
 * Rows handed on at a time within a window, as Postgres sends them (lib/db/sql.ts streamRows):
 * bench:history measured the server's memory against this. Rows that are still in flight
 * when the garbage collector's young generation is swept twice are promoted to the old
 * generation, which then grows to several times its live size before a full collection;
 * 500 rows a batch held through the response's backpressure grew the server by hundreds of
 * MB over a million rows.
 */
export const EXPORT_CHUNK_ROWS = 100;

/** A row of the export: a history row as the statement gives it (ExportRow.micros is its keyset position). */
export type ExportRow = z.output<typeof sqlRow>;

/**
 * The whole filtered history of the owner's account, in the history's order, as chunks of
 * rows read only as fast as the caller takes them (keyset windows, each streamed from the
 * export's own pool: lib/db/pools.ts), so a million rows are never in memory together.
 * The account is checked before the first row (NOT_FOUND for anyone but an OWNER), so the
 * caller can answer with a status rather than a broken download.
 */
export async function exportAccountBlocks({
  ownerId,
  filters,
  windowRows = EXPORT_WINDOW_ROWS,
  windowMs = EXPORT_WINDOW_MS,
  chunkRows = EXPORT_CHUNK_ROWS,
}: {
  ownerId: string;
  filters: HistoryFilters;
  windowRows?: number;
  windowMs?: number;
  chunkRows?: number;
}): Promise<AsyncGenerator<ExportRow[], void, undefined>> {
  const { accountId } = await ownerScope(ownerId);
  return (async function* () {
    for (let cursor: HistoryCursor | null = null; ;) {
      let read = 0;
      let cut = false;
      const opened = performance.now();
      const window = historySql(accountId, filters, cursor, windowRows);
      for await (const chunk of streamRows("export", window, sqlRow, chunkRows)) {
        read += chunk.length;
        const last = chunk[chunk.length - 1]!;
        cursor = { createdAt: last.micros, id: last.id };
        yield chunk;
        // Leaving the loop closes the cursor and gives the connection back (streamRows);
        // the next window starts after the last row handed on.
        if (performance.now() - opened >= windowMs) {
          cut = true;
          break;
        }
      }
      if (!cut && read < windowRows) return;
    }
  })();
}

/** A time as Date.toISOString() writes it (UTC, milliseconds, truncated), made by Postgres. */
const isoSql = (column: Prisma.Sql) =>
  Prisma.sql`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** A row of the history as historySql gives it: times as text, the keyset position in microseconds. */
const sqlRow = z.object({
  id: z.string(),
  publicId: z.string(),
  status: z.enum(BlockStatus),
  reason: z.enum(BlockReason),
  smtpUser: z.string(),
  senderAddress: z.string().nullable(),
  createdAt: z.string(),
  endedAt: z.string().nullable(),
  micros: z.string(),
  review: z.enum(AppealStatus).nullable(),
});

const historyRow = sqlRow.transform(({ micros, ...row }): HistoryRow => ({
  ...row,
  cursor: { createdAt: micros, id: row.id },
}));

/*
 * Raw SQL (bench:history): the keyset is (created_at, id) to the microsecond, which the
 * model API cannot carry (its DateTime is a JavaScript Date, to the millisecond), so a
 * cursor built from it would skip or repeat blocks created within the same millisecond;
 * the latest review per row is a LIMIT 1 subquery on appeal (block_id, created_at).
 */
function historySql(
  accountId: string,
  filters: HistoryFilters,
  cursor: HistoryCursor | null,
  limit: number,
): Prisma.Sql {
  const { after, orderBy } = keysetSql(filters.order, cursor);
  return Prisma.sql`
    SELECT b.id, b.public_id AS "publicId", b.status::text AS status, b.reason::text AS reason, u.username AS "smtpUser",
           b.sender_address AS "senderAddress", ${isoSql(Prisma.sql`b.created_at`)} AS "createdAt",
           ${isoSql(Prisma.sql`b.ended_at`)} AS "endedAt", ${MICROS_SQL} AS micros,
           (SELECT a.status::text FROM appeal a WHERE a.block_id = b.id ORDER BY a.created_at DESC, a.id DESC LIMIT 1) AS review
      FROM block b JOIN smtp_user u ON u.id = b.smtp_user_id
     WHERE ${historyWhere(accountId, filters)} ${after}
     ${orderBy}
     LIMIT ${limit}`;
}

/** One page of the history: `limit` rows, and the cursor of the next page (null on the last). */
export async function historyPage(
  accountId: string,
  filters: HistoryFilters,
  cursor: HistoryCursor | null,
  limit: number,
  target: SqlTarget = getDb(),
): Promise<HistoryPage> {
  const rows = await queryRows(target, historySql(accountId, filters, cursor, limit + 1), historyRow);
  const page = rows.slice(0, limit);
  return { rows: page, next: rows.length > limit ? (page[page.length - 1]?.cursor ?? null) : null };
}

/** The account's SMTP users, for the history's filter and the overview. */
export async function listSmtpUsers({ ownerId }: { ownerId: string }): Promise<{ id: string; username: string }[]> {
  const { accountId } = await ownerScope(ownerId);
  return getDb().smtpUser.findMany({
    where: { accountId },
    orderBy: [{ username: "asc" }, { id: "asc" }],
    select: { id: true, username: true },
  });
}
