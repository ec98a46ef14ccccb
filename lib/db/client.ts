import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { requireDatabaseUrl } from "@/lib/env";
import { logger } from "@/lib/log";

// One client per process. In development Next reloads modules, so the instance is parked
// on globalThis to avoid opening a new pool on every edit.
const globalForDb = globalThis as unknown as { blockReportsDb?: PrismaClient };

function createClient(): PrismaClient {
  const pool = new pg.Pool({ connectionString: requireDatabaseUrl(), max: 10 });
  // When the server cuts connections (restart, failover) a pooled client can report the
  // error in the instant between being handed out and its borrower listening, which would
  // be an uncaught exception. Every client listens from birth; its queries still fail and
  // the pool discards it on release.
  pool.on("connect", (client) => {
    client.on("error", (error) => logger.warn({ err: error }, "database connection lost"));
  });
  const adapter = new PrismaPg(pool, { disposeExternalPool: true });
  return new PrismaClient({ adapter });
}

export function getDb(): PrismaClient {
  globalForDb.blockReportsDb ??= createClient();
  return globalForDb.blockReportsDb;
}

export async function disconnectDb(): Promise<void> {
  await globalForDb.blockReportsDb?.$disconnect();
  globalForDb.blockReportsDb = undefined;
}

export type Db = PrismaClient;
export { Prisma } from "@/lib/generated/prisma/client";
