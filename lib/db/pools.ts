import pg from "pg";
import { requireDatabaseUrl } from "@/lib/env";
import { logger } from "@/lib/log";

/*
 * Plain pg pools beside Prisma's, for the two hot paths where Prisma's per-query CPU (about
 * ten times the same statement over pg, measured by the benchmarks) would cap throughput:
 *   relay — the relay API's status check and block creation (lib/data/blocks, sql-tx.ts);
 *   view  — the one version query every cached report view costs (lib/data/reports).
 * They are separate bulkheads on purpose: a flood of link-scanner views cannot queue the
 * relay's checks behind it, nor the other way round. Postgres has two cores here, so the
 * pools stay small; more connections would only queue inside it.
 */
export type PoolName = "relay" | "view";

const SIZES: Record<PoolName, number> = { relay: 10, view: 6 };

/** A pool whose dropped connections (restart, failover) are logged, never an uncaught error. */
export function createPool(url: string, max: number, name: string): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max, idleTimeoutMillis: 30_000 });
  pool.on("error", (error) => logger.warn({ err: error, pool: name }, "database: idle connection lost"));
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

export function getPool(name: PoolName): pg.Pool {
  const pools = (globalForPools.blockReportsPools ??= new Map());
  const url = requireDatabaseUrl();
  const current = pools.get(name);
  if (current?.url === url) return current.pool;
  if (current) void current.pool.end().catch(() => {});
  const pool = createPool(url, SIZES[name], name);
  pools.set(name, { url, pool });
  return pool;
}

export async function closePools(): Promise<void> {
  const pools = globalForPools.blockReportsPools;
  globalForPools.blockReportsPools = undefined;
  await Promise.allSettled([...(pools?.values() ?? [])].map(({ pool }) => pool.end()));
}
