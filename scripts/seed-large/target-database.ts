import path from "node:path";
import pg from "pg";
import { DEFAULT_EMBEDDED_PG_PORT, startEmbeddedPostgres } from "@/lib/db/embedded";
import { applyMigrations } from "@/lib/db/migrate";

export interface TargetDatabase {
  url: string;
  /** Where the rows go, for the log; never includes the password. */
  description: string;
  /** Stops the embedded server if this process started it; otherwise does nothing. */
  release: () => Promise<void>;
}

// The same server `npm start` uses (scripts/start/database.ts): data in DATA_DIR/postgres,
// database block_reports, on 127.0.0.1:EMBEDDED_PG_PORT.
const EMBEDDED_DATABASE = "block_reports";
const EMBEDDED_CREDENTIALS = "blockreports:blockreports";

/**
 * DATABASE_URL if set. Otherwise the embedded database: if `npm start` has it running we
 * connect to it; if not we start it ourselves and stop it again in release(). Either way
 * migrations are applied first (idempotent, and safe beside a running app).
 */
export async function openTargetDatabase(log: (message: string) => void): Promise<TargetDatabase> {
  const external = process.env.DATABASE_URL;
  if (external) {
    await applyMigrations(external);
    return { url: external, description: `DATABASE_URL (${redact(external)})`, release: async () => {} };
  }
  const port = Number(process.env.EMBEDDED_PG_PORT ?? DEFAULT_EMBEDDED_PG_PORT);
  const url = `postgres://${EMBEDDED_CREDENTIALS}@127.0.0.1:${port}/${EMBEDDED_DATABASE}`;
  const description = `embedded PostgreSQL on 127.0.0.1:${port}`;
  if (await isReachable(url)) {
    log(`using the running ${description}`);
    await applyMigrations(url);
    return { url, description, release: async () => {} };
  }
  const dataDir = path.resolve(process.env.DATA_DIR ?? ".data", "postgres");
  log(`starting ${description} (data in ${path.relative(process.cwd(), dataDir)})`);
  const db = await startEmbeddedPostgres({ dir: dataDir, port, database: EMBEDDED_DATABASE, persistent: true, log });
  try {
    await applyMigrations(db.url);
  } catch (error) {
    await db.stop();
    throw error;
  }
  return { url: db.url, description, release: db.stop };
}

/** True if a server answers there; false only when nothing listens (so we may start one). */
async function isReachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    return true;
  } catch (error) {
    if ((error as { code?: string }).code === "ECONNREFUSED") return false;
    // Something else is on the port, or the server refused us: starting a second server
    // on the same port or data folder would only fail later and less clearly.
    throw new Error(`cannot use the embedded database at ${redact(url)}: ${(error as Error).message}`);
  } finally {
    await client.end().catch(() => {});
  }
}

function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "(unparseable URL)";
  }
}
