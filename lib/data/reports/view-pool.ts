import "server-only";
import pg from "pg";
import { requireDatabaseUrl } from "@/lib/env";
import { logger } from "@/lib/log";

/*
 * A small plain-pg pool for the one statement every report view costs when the front
 * server answers it from its page cache (report-version.ts). That statement runs
 * thousands of times a second in a burst of link-scanner fetches: through Prisma it would
 * cost about ten times the CPU. Its own pool, not the relay API's, so a flood of views
 * cannot queue the relay's status checks behind it, nor the other way round.
 */
const globalForPool = globalThis as unknown as { blockReportsViewPool?: pg.Pool };

// Postgres gets at most two cores here; more connections than that only queue inside it.
const MAX_CONNECTIONS = 6;

export function getViewPool(): pg.Pool {
  if (!globalForPool.blockReportsViewPool) {
    const pool = new pg.Pool({ connectionString: requireDatabaseUrl(), max: MAX_CONNECTIONS, idleTimeoutMillis: 30_000 });
    // A connection the server dropped (restart, failover) must not crash the process.
    pool.on("error", (error) => logger.warn({ err: error.message }, "view pool: idle connection lost"));
    globalForPool.blockReportsViewPool = pool;
  }
  return globalForPool.blockReportsViewPool;
}

export async function closeViewPool(): Promise<void> {
  const pool = globalForPool.blockReportsViewPool;
  globalForPool.blockReportsViewPool = undefined;
  await pool?.end();
}
