import "server-only";
import pg from "pg";
import { requireDatabaseUrl } from "@/lib/env";
import { logger } from "@/lib/log";

/*
 * A small pg pool for the relay's status check only. That check runs before every
 * message the relay accepts, thousands of times a second; one prepared statement on a
 * plain pg connection costs a fraction of a Prisma query, and keeping it apart means the
 * check never queues behind the Prisma pool's write transactions. Everything else uses
 * the one Prisma client (lib/db/client.ts).
 */
const globalForPool = globalThis as unknown as { blockReportsReadPool?: pg.Pool };

export function getReadPool(): pg.Pool {
  if (!globalForPool.blockReportsReadPool) {
    const pool = new pg.Pool({ connectionString: requireDatabaseUrl(), max: 4, idleTimeoutMillis: 30_000 });
    // An idle connection the server dropped must not crash the process; the next query reconnects.
    pool.on("error", (error) => logger.warn({ err: error.message }, "read pool: idle connection lost"));
    globalForPool.blockReportsReadPool = pool;
  }
  return globalForPool.blockReportsReadPool;
}

export async function closeReadPool(): Promise<void> {
  const pool = globalForPool.blockReportsReadPool;
  globalForPool.blockReportsReadPool = undefined;
  await pool?.end();
}
