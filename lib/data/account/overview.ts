import "server-only";
import { getDb, Prisma } from "@/lib/db/client";
import type { BlockReason, BlockStatus } from "@/lib/generated/prisma/enums";
import { listAccountBlocks, type HistoryRow } from "./history";
import { ownerScope } from "./scope";

export const OVERVIEW_WEEKS = 12;
export const RECENT_DAYS = 30;
/** Sender addresses listed per SMTP user; the history shows them all. */
export const ADDRESSES_SHOWN = 5;
export const NEWEST_SHOWN = 10;

export interface SmtpUserSummary {
  id: string;
  username: string;
  /** Up to ADDRESSES_SHOWN sender addresses seen in its blocks, alphabetically. */
  senderAddresses: string[];
  moreAddresses: boolean;
  /** Its newest block still in force, or null when nothing is blocked now. */
  blockedNow: { publicId: string; reason: BlockReason; status: BlockStatus; createdAt: string } | null;
  /** How many of its blocks are in force now. */
  openBlocks: number;
  blocksLast30Days: number;
  lastBlockAt: string | null;
}

export interface WeekCounts {
  /** Monday 00:00 UTC of the week. */
  weekStart: string;
  SPAM: number;
  ABUSE: number;
  RATE: number;
}

export interface AccountOverview {
  accountName: string;
  /** Blocked ones first, then by their last block, newest first. */
  smtpUsers: SmtpUserSummary[];
  /** The last OVERVIEW_WEEKS weeks, oldest first, the current week last. */
  weeks: WeekCounts[];
  newest: HistoryRow[];
}

type UserRow = {
  id: string;
  username: string;
  addresses: string[] | null;
  lastBlockAt: Date | null;
  open: number;
  openPublicId: string | null;
  openReason: BlockReason | null;
  openStatus: BlockStatus | null;
  openCreatedAt: Date | null;
};

/**
 * What an account owner checks first: each SMTP user with its sender addresses, whether it
 * is blocked now and how often lately; blocks per week by reason; the newest blocks.
 * Callers: the owner portal, for an OWNER; every query filters by the account read from
 * the database by their id.
 */
export async function getAccountOverview({
  ownerId,
  now = new Date(),
}: {
  ownerId: string;
  now?: Date;
}): Promise<AccountOverview> {
  const { accountId, accountName } = await ownerScope(ownerId);
  const [users, recent, weeks, newest] = await Promise.all([
    // Per SMTP user, each figure from its own index: the open blocks (a partial index), the
    // last block (account, SMTP user, created_at), and a few distinct addresses by skipping
    // through (account, SMTP user, sender_address) rather than reading every block.
    getDb().$queryRaw<UserRow[]>`
      SELECT u.id, u.username, addr.list AS addresses, last.created_at AS "lastBlockAt",
             (SELECT count(*)::int FROM block b WHERE b.account_id = u.account_id AND b.smtp_user_id = u.id AND b.status IN ('ACTIVE', 'UNDER_REVIEW')) AS open,
             o.public_id AS "openPublicId", o.reason AS "openReason", o.status AS "openStatus", o.created_at AS "openCreatedAt"
        FROM smtp_user u
        LEFT JOIN LATERAL (
          SELECT b.created_at FROM block b WHERE b.account_id = u.account_id AND b.smtp_user_id = u.id
           ORDER BY b.created_at DESC, b.id DESC LIMIT 1) last ON true
        LEFT JOIN LATERAL (
          SELECT b.public_id, b.reason::text AS reason, b.status::text AS status, b.created_at FROM block b
           WHERE b.account_id = u.account_id AND b.smtp_user_id = u.id AND b.status IN ('ACTIVE', 'UNDER_REVIEW')
           ORDER BY b.created_at DESC LIMIT 1) o ON true
        LEFT JOIN LATERAL (
          WITH RECURSIVE seen(address, n) AS (
            (SELECT b.sender_address, 1 FROM block b
              WHERE b.account_id = u.account_id AND b.smtp_user_id = u.id AND b.sender_address IS NOT NULL
              ORDER BY b.sender_address LIMIT 1)
            UNION ALL
            SELECT nxt.sender_address, seen.n + 1 FROM seen, LATERAL (
              SELECT b.sender_address FROM block b
               WHERE b.account_id = u.account_id AND b.smtp_user_id = u.id AND b.sender_address > seen.address
               ORDER BY b.sender_address LIMIT 1) nxt
             WHERE seen.n <= ${ADDRESSES_SHOWN})
          SELECT array_agg(address ORDER BY address) AS list FROM seen) addr ON true
       WHERE u.account_id = ${accountId}::uuid`,
    recentCounts(accountId, now),
    weeklyCounts(accountId, now),
    listAccountBlocks({ ownerId, filters: { order: "newest" }, limit: NEWEST_SHOWN }).then((page) => page.rows),
  ]);
  const smtpUsers = users.map((u): SmtpUserSummary => {
    const addresses = u.addresses ?? [];
    return {
      id: u.id,
      username: u.username,
      senderAddresses: addresses.slice(0, ADDRESSES_SHOWN),
      moreAddresses: addresses.length > ADDRESSES_SHOWN,
      blockedNow:
        u.openPublicId && u.openReason && u.openStatus && u.openCreatedAt
          ? {
              publicId: u.openPublicId,
              reason: u.openReason,
              status: u.openStatus,
              createdAt: u.openCreatedAt.toISOString(),
            }
          : null,
      openBlocks: u.open,
      blocksLast30Days: recent.get(u.id) ?? 0,
      lastBlockAt: u.lastBlockAt?.toISOString() ?? null,
    };
  });
  smtpUsers.sort(
    (a, b) =>
      Number(Boolean(b.blockedNow)) - Number(Boolean(a.blockedNow)) ||
      (b.lastBlockAt ?? "").localeCompare(a.lastBlockAt ?? "") ||
      a.username.localeCompare(b.username),
  );
  return { accountName, smtpUsers, weeks, newest };
}

/** Monday 00:00 UTC of the week `now` falls in. */
export function weekStartOf(now: Date): Date {
  const day = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  return new Date(day.getTime() - ((day.getUTCDay() + 6) % 7) * 86_400_000);
}

const utcDay = (date: Date) => date.toISOString().slice(0, 10);

/*
 * The counts come from block_daily_count (blocks per account, SMTP user, UTC day and
 * reason, kept by triggers on block): at most one row per SMTP user, day and reason is
 * read, however many blocks the account has.
 */

/** Blocks per SMTP user over the last RECENT_DAYS UTC days, today included. */
async function recentCounts(accountId: string, now: Date): Promise<Map<string, number>> {
  const since = utcDay(new Date(now.getTime() - (RECENT_DAYS - 1) * 86_400_000));
  const rows = await getDb().$queryRaw<{ smtpUserId: string; n: number }[]>(Prisma.sql`
    SELECT smtp_user_id AS "smtpUserId", sum(blocks)::int AS n FROM block_daily_count
     WHERE account_id = ${accountId}::uuid AND day >= ${since}::date
     GROUP BY 1`);
  return new Map(rows.map((r) => [r.smtpUserId, r.n]));
}

async function weeklyCounts(accountId: string, now: Date): Promise<WeekCounts[]> {
  const first = new Date(weekStartOf(now).getTime() - (OVERVIEW_WEEKS - 1) * 7 * 86_400_000);
  const rows = await getDb().$queryRaw<{ week: number; reason: BlockReason; n: number }[]>(Prisma.sql`
    SELECT ((day - ${utcDay(first)}::date) / 7)::int AS week, reason::text AS reason, sum(blocks)::int AS n
      FROM block_daily_count
     WHERE account_id = ${accountId}::uuid AND day >= ${utcDay(first)}::date
     GROUP BY 1, 2`);
  const weeks = Array.from({ length: OVERVIEW_WEEKS }, (_, i): WeekCounts => ({
    weekStart: new Date(first.getTime() + i * 7 * 86_400_000).toISOString(),
    SPAM: 0,
    ABUSE: 0,
    RATE: 0,
  }));
  for (const row of rows) {
    const week = weeks[row.week];
    if (week) week[row.reason] += row.n;
  }
  return weeks;
}
