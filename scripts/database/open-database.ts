import path from "node:path";
import pg from "pg";
import { DEFAULT_EMBEDDED_PG_PORT, startEmbeddedPostgres, type EmbeddedDatabase } from "@/lib/db/embedded";
import { applyMigrations } from "@/lib/db/migrate";

/*
 * The embedded database of `npm start`, in one place for every script that uses it
 * (start, apikey:*, the policy service, seed:large): its data in DATA_DIR/postgres, the
 * database block_reports on 127.0.0.1:EMBEDDED_PG_PORT.
 */
const EMBEDDED_DATABASE = "block_reports";
const EMBEDDED_CREDENTIALS = "blockreports:blockreports";

export const embeddedPort = (): number => Number(process.env.EMBEDDED_PG_PORT ?? DEFAULT_EMBEDDED_PG_PORT);
export const embeddedUrl = (port = embeddedPort()): string =>
  `postgres://${EMBEDDED_CREDENTIALS}@127.0.0.1:${port}/${EMBEDDED_DATABASE}`;

/** Starts the embedded server on `dataDir`/postgres and applies the migrations; stops it again if they fail. */
export async function startEmbeddedDatabase({
  dataDir,
  port,
  log,
}: {
  dataDir: string;
  port: number;
  log?: (message: string) => void;
}): Promise<EmbeddedDatabase & { applied: string[] }> {
  const db = await startEmbeddedPostgres({
    dir: path.join(dataDir, "postgres"),
    port,
    database: EMBEDDED_DATABASE,
    persistent: true,
    ...(log ? { log } : {}),
  });
  try {
    return { ...db, applied: await applyMigrations(db.url) };
  } catch (error) {
    await db.stop();
    throw error;
  }
}

export interface OpenDatabase {
  url: string;
  /** Where the rows go, for the log; never includes the password. */
  description: string;
  /** Stops the embedded server if this process started it; otherwise does nothing. */
  release: () => Promise<void>;
}

/**
 * For the scripts that work beside `npm start`: DATABASE_URL if set (migrated only when
 * `migrateExternal`). Otherwise the embedded database: if `npm start` has it running we
 * connect to it; if not we start it ourselves and stop it again in release(). Either way
 * its migrations are applied first (idempotent, and safe beside a running app).
 */
export async function openDatabase({
  log = () => {},
  migrateExternal,
}: {
  log?: (message: string) => void;
  migrateExternal: boolean;
}): Promise<OpenDatabase> {
  const external = process.env.DATABASE_URL;
  if (external) {
    if (migrateExternal) await applyMigrations(external);
    return { url: external, description: `DATABASE_URL (${redact(external)})`, release: async () => {} };
  }
  const port = embeddedPort();
  const url = embeddedUrl(port);
  const description = `the embedded database on 127.0.0.1:${port}`;
  if (await isReachable(url)) {
    log(`using ${description} (running)`);
    await applyMigrations(url);
    return { url, description, release: async () => {} };
  }
  const dataDir = path.resolve(process.env.DATA_DIR ?? ".data");
  log(`starting ${description} (data in ${path.relative(process.cwd(), dataDir) || "."}/postgres)`);
  const db = await startEmbeddedDatabase({ dataDir, port, log });
  return { url: db.url, description: `${description} (started for this command)`, release: db.stop };
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
