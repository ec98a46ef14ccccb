import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, inject, vi } from "vitest";
import { applyMigrations } from "@/lib/db/migrate";
import type { RunningWorker } from "@/lib/jobs/worker";
import { startSmtpSink, type SmtpSink } from "./smtp-sink";

/** A new, empty database on the integration run's Postgres server, for one test file. */
export async function createEmptyDatabase(label: string): Promise<string> {
  const url = new URL(inject("databaseUrl"));
  const name = `${label}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: url.toString() });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  url.pathname = `/${name}`;
  return url.toString();
}

/** A new, migrated database on the integration run's Postgres server, for one test file. */
export async function createScratchDatabase(label: string): Promise<string> {
  const url = await createEmptyDatabase(label);
  await applyMigrations(url);
  return url;
}

/*
 * lib/env reads process.env once, on import, and lib/db/client keeps one Prisma client on
 * globalThis. To point the app's own modules at another database (or SMTP server), drop
 * the client, change the environment and import everything again.
 */
export async function reloadAppModules(env: Record<string, string | undefined>): Promise<void> {
  const { disconnectDb } = await import("@/lib/db/client");
  await disconnectDb();
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  vi.resetModules();
}

// The environment as the test file found it, before any reload changed it.
const original = { SMTP_URL: process.env.SMTP_URL, DATA_DIR: process.env.DATA_DIR };

/** Back to the run's shared database, for whichever file runs next in this worker. */
export const restoreSharedModules = () => reloadAppModules({ DATABASE_URL: inject("databaseUrl"), ...original });

/**
 * The app's own worker (its handlers and the pool sizes of lib/db/pools) on `databaseUrl`,
 * loaded after `reloadAppModules`, dispatching on demand rather than on a timer.
 */
export async function startAppWorker(databaseUrl: string) {
  const { startWorker } = await import("@/lib/jobs/worker");
  const { jobHandlers } = await import("@/lib/jobs/handlers");
  const { poolSize } = await import("@/lib/db/pools");
  return startWorker({
    databaseUrl,
    poolSizes: { outbox: poolSize("outbox"), jobs: poolSize("jobs") },
    handlers: jobHandlers,
    log: () => {},
    dispatchIntervalMs: 60_000,
  });
}

/**
 * For a test file whose mail goes the way every mail goes: the outbox row, the worker's
 * mail.send job, a real SMTP server. Before the file's tests, starts that server and the
 * app's own worker on a database of the file's own (so jobs queued by other files do not
 * run here), with the app's modules loaded against both; after them, stops both and
 * restores the shared modules. Read `sink` and `worker` inside the tests.
 */
export function withMailWorker(label: string): { readonly sink: SmtpSink; readonly worker: RunningWorker } {
  let sink: SmtpSink | undefined;
  let worker: RunningWorker | undefined;
  beforeAll(async () => {
    sink = await startSmtpSink();
    const databaseUrl = await createScratchDatabase(label);
    await reloadAppModules({ DATABASE_URL: databaseUrl, SMTP_URL: sink.url });
    worker = await startAppWorker(databaseUrl);
  });
  afterAll(async () => {
    await worker?.stop();
    await sink?.close();
    await restoreSharedModules();
  });
  return {
    get sink() {
      if (!sink) throw new Error("withMailWorker: the SMTP server starts in beforeAll");
      return sink;
    },
    get worker() {
      if (!worker) throw new Error("withMailWorker: the worker starts in beforeAll");
      return worker;
    },
  };
}
