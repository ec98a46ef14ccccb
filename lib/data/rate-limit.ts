import "server-only";
import { z } from "zod";
import { getDb, Prisma } from "@/lib/db/client";
import { queryRows } from "@/lib/db/sql";
import { assertSystemCaller, type SystemCaller } from "@/lib/data/callers";
import { clientNetwork } from "@/lib/http/client-network";

export interface RateLimitResult {
  allowed: boolean;
  count: number;
  retryAfterSeconds: number;
}

/**
 * Counts one hit against `key` in a fixed window. The counter lives in Postgres (one
 * atomic upsert: raw, as the model API's upsert cannot restart the window in the same
 * statement), so the limit holds across any number of app instances. Anyone may call
 * it; keys should name what is limited, e.g. `report-miss:<client>`, and a per-client
 * key is made by clientLimitKey.
 */
/**
 * The key a per-client limit counts under: `scope`, then the client's network
 * (lib/http/client-network.ts), so that an IPv6 client's 2^64 addresses count as one client.
 * Every per-client limit takes its key from here; audit records keep the full address.
 */
export const clientLimitKey = (scope: string, client: string): string => `${scope}:${clientNetwork(client)}`;

export async function consumeRateLimit(key: string, limit: number, windowSeconds: number): Promise<RateLimitResult> {
  const [row] = await queryRows(
    getDb(),
    Prisma.sql`
    INSERT INTO rate_limit (key, window_start, count) VALUES (${key}, now(), 1)
    ON CONFLICT (key) DO UPDATE SET
      count = CASE WHEN rate_limit.window_start <= now() - make_interval(secs => ${windowSeconds})
                   THEN 1 ELSE rate_limit.count + 1 END,
      window_start = CASE WHEN rate_limit.window_start <= now() - make_interval(secs => ${windowSeconds})
                   THEN now() ELSE rate_limit.window_start END
    RETURNING count, window_start`,
    z.object({ count: z.number().int(), window_start: z.date() }),
  );
  if (!row) throw new Error("rate limit upsert returned no row");
  const elapsed = (Date.now() - row.window_start.getTime()) / 1000;
  return {
    allowed: row.count <= limit,
    count: row.count,
    retryAfterSeconds: Math.max(1, Math.ceil(windowSeconds - elapsed)),
  };
}

/**
 * Takes back one hit counted by consumeRateLimit, for a limit that counts only failures but
 * must count an attempt before its outcome is known (so that attempts sent at once cannot
 * all slip under it): the caller counts first and gives the hit back when it succeeded.
 */
export async function releaseRateLimit(key: string): Promise<void> {
  await getDb().rateLimit.updateMany({ where: { key, count: { gt: 0 } }, data: { count: { decrement: 1 } } });
}

/** Past the longest window any limit uses (1 h): a counter this old counts nothing. */
export const RATE_LIMIT_COUNTER_RETENTION_HOURS = 24;
/**
 * One-time form claims (lib/data/cases/submission-token.ts) are kept this long: a form
 * posted again within a week, say from a page left open, is still recognised.
 */
export const SUBMISSION_CLAIM_RETENTION_HOURS = 7 * 24;

/**
 * Deletes counters whose window ended long ago and form claims past their retention, so
 * the table holds only what can still matter. Caller: the scheduled job "rate-limits.purge".
 */
export async function purgeRateLimits(system: SystemCaller, now: Date = new Date()): Promise<number> {
  assertSystemCaller(system);
  const hoursAgo = (hours: number) => new Date(now.getTime() - hours * 3_600_000);
  const claim = { key: { startsWith: "once:" } };
  const { count } = await getDb().rateLimit.deleteMany({
    where: {
      OR: [
        { ...claim, windowStart: { lt: hoursAgo(SUBMISSION_CLAIM_RETENTION_HOURS) } },
        { NOT: claim, windowStart: { lt: hoursAgo(RATE_LIMIT_COUNTER_RETENTION_HOURS) } },
      ],
    },
  });
  return count;
}
