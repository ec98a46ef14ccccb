import { readFileSync } from "node:fs";
import path from "node:path";
import { freePort, portInUse } from "@/lib/db/embedded";
import { applyMigrations } from "@/lib/db/migrate";
import { embeddedPort as configuredPort, startEmbeddedDatabase } from "../database/open-database";
import { DEMO_LOGINS, demoReportLinks } from "@/prisma/seed/demo-content";

export interface PreparedDatabase {
  url: string;
  stop: () => Promise<void>;
  printWelcome: (port: number) => void;
}

interface Options {
  dataDir: string;
  log: (message: string) => void;
}

/**
 * With DATABASE_URL: migrate it and nothing else. Demo links and passwords are public, so
 * demo data reaches a real database only through an explicit `npm run seed`.
 * Without it: an embedded Postgres under .data/, migrated and seeded.
 */
export async function prepareDatabase({ dataDir, log }: Options): Promise<PreparedDatabase> {
  const external = process.env.DATABASE_URL;
  if (external) {
    const applied = await applyMigrations(external);
    log(applied.length ? `applied migrations: ${applied.join(", ")}` : "database schema is up to date");
    return {
      url: external,
      stop: async () => {},
      printWelcome: (port) => log(`ready on http://localhost:${port} (DATABASE_URL; no demo data written)`),
    };
  }
  const port = await embeddedPort(dataDir);
  log(`starting embedded PostgreSQL on 127.0.0.1:${port} (data in ${path.relative(process.cwd(), dataDir)}/postgres)`);
  const db = await startEmbeddedDatabase({ dataDir, port, log });
  try {
    const applied = db.applied;
    if (applied.length) log(`applied migrations: ${applied.join(", ")}`);
    process.env.DATABASE_URL = db.url;
    const { seedDemoData } = await import("@/prisma/seed/seed-demo");
    const created = await seedDemoData();
    if (created > 0) log(`seeded demo data (${created} reports)`);
    const { disconnectDb } = await import("@/lib/db/client");
    await disconnectDb();
  } catch (error) {
    await db.stop();
    throw error;
  }
  return { url: db.url, stop: db.stop, printWelcome: (appPort) => printDemo(appPort, log) };
}

/** The PostgreSQL (if any) already running on this data folder: postmaster.pid's first line, if that process lives. */
export function runningPostmaster(dataDir: string): number | null {
  try {
    const pid = Number(readFileSync(path.join(dataDir, "postgres", "postmaster.pid"), "utf8").split("\n")[0]);
    if (!Number.isInteger(pid) || pid <= 0) return null; // kill(0) would signal our own group
    process.kill(pid, 0);
    return pid;
  } catch {
    return null;
  }
}

/**
 * EMBEDDED_PG_PORT when nothing else listens there. A second checkout started beside a
 * running one finds the port taken; it is not moved to another behind the user's back,
 * because `npm run apikey:*` and `seed:large` find this database by the same variable.
 */
async function embeddedPort(dataDir: string): Promise<number> {
  const running = runningPostmaster(dataDir);
  if (running) {
    throw new Error(
      `another npm start already runs on this data folder (${path.relative(process.cwd(), dataDir) || "."}, PostgreSQL pid ${running}): stop it first, or give this one its own DATA_DIR`,
    );
  }
  const port = configuredPort();
  if (await portInUse(port)) {
    throw new Error(
      `port ${port} for the embedded PostgreSQL (EMBEDDED_PG_PORT) is already in use on 127.0.0.1, probably by another checkout's npm start: ` +
        `stop that, or start this one on a free port, e.g. EMBEDDED_PG_PORT=${await freePort()} PORT=${await freePort()} npm start`,
    );
  }
  return port;
}

function printDemo(port: number, log: (message: string) => void) {
  const base = `http://localhost:${port}`;
  log(`ready on ${base}`);
  log("demo report links:");
  for (const link of demoReportLinks(base)) log(`  ${link.label.padEnd(34)} ${link.url}`);
  log(`demo logins (${base}/sign-in: STAFF and ADMIN to the compliance console, OWNER to the account portal):`);
  for (const login of DEMO_LOGINS) log(`  ${login.role.padEnd(6)} ${login.email} / ${login.password}`);
}
