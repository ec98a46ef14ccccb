import pg from "pg";
import { requireDatabaseUrl } from "@/lib/env";
import { logger } from "@/lib/log";

/*
 * Every connection pool of the app, by purpose. Postgres has two cores here, so the pools
 * stay small: more connections would only queue inside it.
 *
 *   prisma — everything by default: pages, the staff console, sender actions, the
 *            background worker's jobs (expiry, mail, webhooks, purges), and the relay's
 *            writes other than creation (lifts, attempts, link rotation, idempotency
 *            records), which run in Prisma transactions. Prisma's client owns it
 *            (lib/db/client.ts).
 *   outbox — the background worker's outbox dispatcher (lib/jobs/dispatcher.ts): it claims
 *            outbox rows with FOR UPDATE SKIP LOCKED and hands them to pg-boss in the same
 *            transaction (boss.send on the dispatcher's own client), which pg-boss's pool
 *            cannot lend it; one dispatch runs at a time, so two suffice. Its dropped
 *            connections log as "worker database connection lost".
 *   jobs   — pg-boss's own pool (polling, fetching, completing jobs, cron), owned by pg-boss
 *            (lib/jobs/boss.ts): its bookkeeping only, since the job handlers' queries run on
 *            prisma's pool, so pg-boss's default of ten is cut to four.
 *   relay  — the relay API's two hot paths only: the status check (listActiveBlocks, also
 *            the policy service's lookups) and block creation's two statements
 *            (resolve-smtp-user.ts, insert-new-block.ts) when the request carries no
 *            Idempotency-Key. The reason is CPU, not isolation: the same statement over
 *            Prisma costs about ten times the process CPU (BENCHMARKS.md, bench:api),
 *            which would cap the status check below its target. The staff console and
 *            the expiry job do not use it.
 *   view   — the one version query every cached report view costs (getReportVersion),
 *            for the same reason (bench:report). A flood of link-scanner views waits for
 *            these six connections, not for the relay's or Prisma's.
 *   export — the owner's CSV export, read through a cursor (lib/db/sql.ts streamRows) in
 *            keyset windows (bench:history): a million rows through Prisma cost half
 *            again the time and twice the garbage, which showed as hundreds of MB of
 *            server memory. Two connections: a third export waits for a window to end
 *            rather than taking the pages' connections. One export per account at a
 *            time (lib/account/export-slots.ts), a window held at most about two seconds
 *            (EXPORT_WINDOW_MS) and a stalled download given up after 30 s, so one
 *            account's downloads never keep another's waiting.
 */
const POOLS = {
  prisma: { max: 10 },
  outbox: { max: 2 },
  jobs: { max: 4 },
  relay: { max: 10 },
  view: { max: 6 },
  export: { max: 2 },
} as const;

export type PoolName = keyof typeof POOLS;

/** The pools getPool serves: Prisma's client and the worker (lib/jobs) own the others. */
export type ServedPoolName = Exclude<PoolName, "prisma" | "outbox" | "jobs">;

/** The size of a pool another module creates (the worker's: lib/jobs may not import lib/db). */
export function poolSize(name: PoolName): number {
  return POOLS[name].max;
}

/** A pool whose dropped connections (restart, failover) are logged, never an uncaught error. */
export function createPool(url: string, name: PoolName): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max: POOLS[name].max, idleTimeoutMillis: 30_000 });
  pool.on("error", (error) => {
    // pg-pool hangs the whole client (its connection parameters and buffers) on an idle
    // connection's error; one log line needs the error, not that.
    delete (error as Error & { client?: unknown }).client;
    logger.warn({ err: error, pool: name }, "database: idle connection lost");
  });
  // A client can report a server-side disconnect between checkout and its borrower
  // listening; listening from birth keeps that from becoming an uncaught exception.
  pool.on("connect", (client) => {
    client.on("error", (error) => logger.warn({ err: error, pool: name }, "database: connection lost"));
  });
  return pool;
}

// Parked on globalThis so development reloads reuse them; keyed by URL so a process that
// re-reads its environment (tests do) never writes to the previous database.
const globalForPools = globalThis as unknown as { blockReportsPools?: Map<PoolName, { url: string; pool: pg.Pool }> };

/** The relay's or the view's pool (Prisma's is inside its client: getDb()). */
export function getPool(name: ServedPoolName): pg.Pool {
  const pools = (globalForPools.blockReportsPools ??= new Map());
  const url = requireDatabaseUrl();
  const current = pools.get(name);
  if (current?.url === url) return current.pool;
  if (current) void current.pool.end().catch(() => {});
  const pool = createPool(url, name);
  pools.set(name, { url, pool });
  return pool;
}

export async function closePools(): Promise<void> {
  const pools = globalForPools.blockReportsPools;
  globalForPools.blockReportsPools = undefined;
  await Promise.allSettled([...(pools?.values() ?? [])].map(({ pool }) => pool.end()));
}
