import "server-only";
import { z } from "zod";
import { getDb, Prisma } from "@/lib/db/client";
import { queryRows } from "@/lib/db/sql";
import { BlockReason, BlockStatus } from "@/lib/generated/prisma/enums";
import { historyPage, type HistoryRow } from "./history";
import { ownerScope } from "./scope";

export const OVERVIEW_WEEKS = 12;
export const RECENT_DAYS = 30;
/** Sender addresses listed per SMTP user; the history shows them all. */
export const ADDRESSES_SHOWN = 5;
export const NEWEST_SHOWN = 10;
/**
 * SMTP users the overview shows unless all are asked for: the blocked ones first, then
 * those blocked most recently. The page stays the same size for an account with hundreds.
 */
export const SMTP_USERS_SHOWN = 12;

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
  /**
   * Blocked ones first, then by their last block, newest first: the first SMTP_USERS_SHOWN,
   * or all of them when asked for.
   */
  smtpUsers: SmtpUserSummary[];
  /** How many SMTP users the account has, and how many of them are blocked now. */
  smtpUserCount: number;
  blockedSmtpUsers: number;
  /** The last OVERVIEW_WEEKS weeks, oldest first, the current week last. */
  weeks: WeekCounts[];
  newest: HistoryRow[];
}

/**
 * What an account owner checks first: each SMTP user with its sender addresses, whether it
 * is blocked now and how often lately; blocks per week by reason; the newest blocks.
 * Callers: the owner portal, for an OWNER; every query filters by the account read from
 * the database by their id.
 */
export async function getAccountOverview({
  ownerId,
  now = new Date(),
  allSmtpUsers = false,
}: {
  ownerId: string;
  now?: Date;
  /** Every SMTP user rather than the first SMTP_USERS_SHOWN. */
  allSmtpUsers?: boolean;
}): Promise<AccountOverview> {
  const { accountId, accountName } = await ownerScope(ownerId);
  const [users, weeks, newest] = await Promise.all([
    smtpUserSummaries(accountId, now, allSmtpUsers ? null : SMTP_USERS_SHOWN),
    weeklyCounts(accountId, now),
    historyPage(accountId, { order: "newest" }, null, NEWEST_SHOWN).then((page) => page.rows),
  ]);
  return {
    accountName,
    smtpUsers: users.map((u) => u.summary),
    smtpUserCount: users[0]?.total ?? 0,
    blockedSmtpUsers: users[0]?.blocked ?? 0,
    weeks,
    newest,
  };
}

const summaryRow = z
  .object({
    id: z.string(),
    username: z.string(),
    lastBlockAt: z.date().nullable(),
    addresses: z.array(z.string()).nullable(),
    open: z.number().int(),
    openPublicId: z.string().nullable(),
    openReason: z.enum(BlockReason).nullable(),
    openStatus: z.enum(BlockStatus).nullable(),
    openCreatedAt: z.date().nullable(),
    recent: z.number().int(),
    total: z.number().int(),
    blocked: z.number().int(),
  })
  .transform((u): { summary: SmtpUserSummary; total: number; blocked: number } => ({
    total: u.total,
    blocked: u.blocked,
    summary: {
      id: u.id,
      username: u.username,
      senderAddresses: (u.addresses ?? []).slice(0, ADDRESSES_SHOWN),
      moreAddresses: (u.addresses ?? []).length > ADDRESSES_SHOWN,
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
      blocksLast30Days: u.recent,
      lastBlockAt: u.lastBlockAt?.toISOString() ?? null,
    },
  }));

/*
 * Raw SQL (bench:history, the overview's p95 under 200 ms at a million blocks): each SMTP
 * user's last block and whether it is blocked now are one index probe each (a LIMIT 1 per
 * user, which the model API cannot express: its groupBy would count every block of the
 * account), and everything else — the newest open block, how many are open, a few
 * distinct addresses (skipping through the (account, SMTP user, sender) index rather than
 * reading every block) and the last 30 days from block_daily_count — only for the SMTP
 * users shown, so the cost is the same at a million blocks as at ten thousand and hardly
 * grows with the number of SMTP users.
 */
async function smtpUserSummaries(accountId: string, now: Date, limit: number | null) {
  const since = utcDay(new Date(now.getTime() - (RECENT_DAYS - 1) * 86_400_000));
  return queryRows(
    getDb(),
    Prisma.sql`
      WITH users AS (
        SELECT u.id, u.username, u.account_id, last.created_at AS last_block_at,
               EXISTS (SELECT 1 FROM block b WHERE b.account_id = u.account_id AND b.smtp_user_id = u.id
                          AND b.status IN ('ACTIVE', 'UNDER_REVIEW')) AS blocked
          FROM smtp_user u
          LEFT JOIN LATERAL (
            SELECT b.created_at FROM block b WHERE b.account_id = u.account_id AND b.smtp_user_id = u.id
             ORDER BY b.created_at DESC, b.id DESC LIMIT 1) last ON true
         WHERE u.account_id = ${accountId}::uuid
      ), shown AS (
        SELECT *, count(*) OVER ()::int AS total, (count(*) FILTER (WHERE blocked) OVER ())::int AS blocked_total
          FROM users
         ORDER BY blocked DESC, last_block_at DESC NULLS LAST, username, id
         LIMIT ${limit}
      )
      SELECT s.id, s.username, s.last_block_at AS "lastBlockAt", addr.list AS addresses, s.total, s.blocked_total AS blocked,
             (SELECT count(*)::int FROM block b WHERE b.account_id = s.account_id AND b.smtp_user_id = s.id
                 AND b.status IN ('ACTIVE', 'UNDER_REVIEW')) AS open,
             o.public_id AS "openPublicId", o.reason AS "openReason", o.status AS "openStatus", o.created_at AS "openCreatedAt",
             (SELECT coalesce(sum(d.blocks), 0)::int FROM block_daily_count d
               WHERE d.account_id = s.account_id AND d.smtp_user_id = s.id AND d.day >= ${since}::date) AS recent
        FROM shown s
        LEFT JOIN LATERAL (
          SELECT b.public_id, b.reason::text AS reason, b.status::text AS status, b.created_at FROM block b
           WHERE b.account_id = s.account_id AND b.smtp_user_id = s.id AND b.status IN ('ACTIVE', 'UNDER_REVIEW')
           ORDER BY b.created_at DESC LIMIT 1) o ON true
        LEFT JOIN LATERAL (
          WITH RECURSIVE seen(address, n) AS (
            (SELECT b.sender_address, 1 FROM block b
              WHERE b.account_id = s.account_id AND b.smtp_user_id = s.id AND b.sender_address IS NOT NULL
              ORDER BY b.sender_address LIMIT 1)
            UNION ALL
            SELECT nxt.sender_address, seen.n + 1 FROM seen, LATERAL (
              SELECT b.sender_address FROM block b
               WHERE b.account_id = s.account_id AND b.smtp_user_id = s.id AND b.sender_address > seen.address
               ORDER BY b.sender_address LIMIT 1) nxt
             WHERE seen.n <= ${ADDRESSES_SHOWN})
          SELECT array_agg(address ORDER BY address) AS list FROM seen) addr ON true
       ORDER BY s.blocked DESC, s.last_block_at DESC NULLS LAST, s.username, s.id`,
    summaryRow,
  );
}

/** Monday 00:00 UTC of the week `now` falls in. */
export function weekStartOf(now: Date): Date {
  const day = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  return new Date(day.getTime() - ((day.getUTCDay() + 6) % 7) * 86_400_000);
}

const utcDay = (date: Date) => date.toISOString().slice(0, 10);

/*
 * Blocks per week by reason from block_account_weekly_count (kept by triggers on block):
 * at most OVERVIEW_WEEKS × 3 reasons × 16 slots rows, however many blocks and SMTP users
 * the account has.
 */
async function weeklyCounts(accountId: string, now: Date): Promise<WeekCounts[]> {
  const first = new Date(weekStartOf(now).getTime() - (OVERVIEW_WEEKS - 1) * 7 * 86_400_000);
  const groups = await getDb().blockAccountWeeklyCount.groupBy({
    by: ["week", "reason"],
    where: { accountId, week: { gte: first } },
    _sum: { blocks: true },
  });
  const weeks = Array.from({ length: OVERVIEW_WEEKS }, (_, i): WeekCounts => ({
    weekStart: new Date(first.getTime() + i * 7 * 86_400_000).toISOString(),
    SPAM: 0,
    ABUSE: 0,
    RATE: 0,
  }));
  for (const group of groups) {
    const week = weeks[Math.round((group.week.getTime() - first.getTime()) / (7 * 86_400_000))];
    if (week) week[group.reason] += group._sum.blocks ?? 0;
  }
  return weeks;
}
