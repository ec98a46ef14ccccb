import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { requireDatabaseUrl } from "@/lib/env";
import { createPool } from "./pools";

// One client per process. In development Next reloads modules, so the instance is parked
// on globalThis to avoid opening a new pool on every edit.
const globalForDb = globalThis as unknown as { blockReportsDb?: PrismaClient };

function createClient(): PrismaClient {
  const adapter = new PrismaPg(createPool(requireDatabaseUrl(), "prisma"), { disposeExternalPool: true });
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
