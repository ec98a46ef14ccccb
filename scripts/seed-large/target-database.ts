import { openDatabase, type OpenDatabase } from "../database/open-database";

export type TargetDatabase = OpenDatabase;

/**
 * DATABASE_URL if set. Otherwise the embedded database: if `npm start` has it running we
 * connect to it; if not we start it ourselves and stop it again in release(). Either way
 * migrations are applied first (scripts/database/open-database.ts).
 */
export function openTargetDatabase(log: (message: string) => void): Promise<TargetDatabase> {
  return openDatabase({ log, migrateExternal: true });
}
