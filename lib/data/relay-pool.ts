import "server-only";
import pg from "pg";
import { requireDatabaseUrl } from "@/lib/env";
import { logger } from "@/lib/log";

/*
 * A plain pg pool for the relay API's own statements: the status check (before every
 * message the relay accepts) and block creation (once per detection). Measured here, a
 * Prisma query costs 1–3 ms of CPU and an interactive transaction 1.5 ms more; the same
 * statements over pg cost a tenth of that, which is what lets these two endpoints keep up
 * with the relay. Everything else uses the one Prisma client (lib/db/client.ts); the
 * relay's SQL also runs inside a Prisma transaction when a caller passes one (sql-tx.ts).
 */
const globalForPool = globalThis as unknown as { blockReportsRelayPool?: { url: string; pool: pg.Pool } };

export function getRelayPool(): pg.Pool {
  const url = requireDatabaseUrl();
  const current = globalForPool.blockReportsRelayPool;
  // Parked on globalThis so development reloads reuse it; keyed by URL so a process that
  // re-reads its environment (tests do) never writes to the previous database.
  if (current?.url === url) return current.pool;
  if (current) void current.pool.end().catch(() => {});
  const pool = new pg.Pool({ connectionString: url, max: 10, idleTimeoutMillis: 30_000 });
  // A connection the server dropped (restart, failover) must not crash the process; the
  // next checkout reconnects.
  pool.on("error", (error) => logger.warn({ err: error.message }, "relay pool: idle connection lost"));
  globalForPool.blockReportsRelayPool = { url, pool };
  return pool;
}

export async function closeRelayPool(): Promise<void> {
  const current = globalForPool.blockReportsRelayPool;
  globalForPool.blockReportsRelayPool = undefined;
  await current?.pool.end();
}
