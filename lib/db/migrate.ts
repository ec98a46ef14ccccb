import path from "node:path";
import { runner } from "node-pg-migrate";

export const MIGRATIONS_DIR = path.resolve(process.cwd(), "prisma/migrations");

/**
 * Applies the committed SQL migrations that have not run yet. Safe to call on every start
 * and from several processes at once: node-pg-migrate holds an advisory lock meanwhile.
 */
export async function applyMigrations(databaseUrl: string, log: (msg: string) => void = () => {}) {
  const applied = await runner({
    databaseUrl,
    dir: MIGRATIONS_DIR,
    migrationsTable: "pgmigrations",
    direction: "up",
    count: Infinity,
    checkOrder: true,
    log,
    logger: { debug: () => {}, info: log, warn: log, error: log },
  });
  return applied.map((migration) => migration.name);
}
