import { randomBytes } from "node:crypto";
import pg from "pg";
import { inject, vi } from "vitest";
import { applyMigrations } from "@/lib/db/migrate";

/** A new, migrated database on the integration run's Postgres server, for one test file. */
export async function createScratchDatabase(label: string): Promise<string> {
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
  await applyMigrations(url.toString());
  return url.toString();
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
