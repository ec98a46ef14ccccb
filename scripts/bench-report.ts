// `npm run bench:report [-- --seconds 20 --connections 32 --blocks 50000]`: the report page
// under load, as `npm start` serves it, against a bare node:http server sending the same
// bytes; database round trips per view; the page's JavaScript against an empty App Router
// page. Writes its section of BENCHMARKS.md. Targets (2 cores, 32 connections): ≥ 1,000
// views/s, p99 < 100 ms, no errors, ≥ 0.05 × the bare server, JavaScript ≤ +10 kB gzip.
import { execFileSync } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { demoSecret } from "@/prisma/seed/demo-content";
import { freePort, startTestDatabase } from "../tests/support/embedded-db";
import { ownCpuMs, postmasterPid, treeCpuMs } from "./bench-report/cpu-usage";
import { measurePageJavaScript } from "./bench-report/js-size";
import { startEmptyApp } from "./bench-report/empty-app";
import { pageMarkupTree } from "./bench-report/floor-tree";
import { writeBenchmarkSection } from "./bench/benchmarks-file";
import { combineRounds, runHttpLoad, type LoadOptions, type LoadResult } from "./bench/http-load";
import { measureRoundTrips } from "./bench-report/round-trips";
import { seedBenchData } from "./bench-report/seed";
import { startServer, type RunningServer } from "./bench-report/servers";
import { describeRun, pageBytes } from "./bench-report/summary";
import { ensureBuild } from "./start/build";
import { frontServerCommand } from "./start/front-server";
import { loadAverage, benchLogger, BENCH_REPORT_LINK_KEY } from "./bench/bench-env";

const { values } = parseArgs({
  options: {
    seconds: { type: "string", default: "20" },
    connections: { type: "string", default: "32" },
    blocks: { type: "string", default: "50000" },
  },
});
const seconds = Math.max(20, Number(values.seconds));
const connections = Math.max(1, Number(values.connections));
const say = benchLogger("report");
const REPORT_ID = "1ec5d310c951ebd54d84"; // the "abuse, active" demo report
const reportPath = `/?id=${REPORT_ID}&auth=${demoSecret(REPORT_ID)}`;
/** Rendered views against the floor: this many rounds of each, alternating, FLOOR_ROUND_SECONDS each. */
const FLOOR_ROUNDS = 4;
const FLOOR_ROUND_SECONDS = 10;

async function measure(
  options: Omit<LoadOptions, "seconds" | "connections">,
  pids: { server: number; postgres: number },
  duration = seconds,
  warmUp = true,
) {
  say(
    `${options.label}: ${warmUp ? "5 s warm-up, then " : ""}${duration} s with ${connections} connections (load average ${loadAverage()})`,
  );
  if (warmUp) await runHttpLoad({ ...options, seconds: 5, connections });
  const cpuBefore = [treeCpuMs(pids.server), treeCpuMs(pids.postgres), ownCpuMs()];
  const result = await runHttpLoad({ ...options, seconds: duration, connections });
  const [server, postgres, loadGenerator] = [treeCpuMs(pids.server), treeCpuMs(pids.postgres), ownCpuMs()].map(
    (ms, i) => ((ms - cpuBefore[i]!) * 1000) / result.requests,
  );
  result.cpuPerRequestUs = { server: server!, postgres: postgres!, loadGenerator: loadGenerator! };
  say(
    `  ${result.perSecond.toFixed(0)} requests/s, p50 ${result.latencyMs.p50} ms, p99 ${result.latencyMs.p99} ms, errors ${result.errors}, non-2xx ${result.unexpected}; ` +
      `CPU per request ${server!.toFixed(0)} µs server, ${postgres!.toFixed(0)} µs Postgres, ${loadGenerator!.toFixed(0)} µs autocannon`,
  );
  return result;
}

async function postgresPid(databaseUrl: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const { rows } = await client.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
  const pid = postmasterPid(rows[0]!.pid); // while the backend still exists
  await client.end();
  return pid;
}

// The demo seed seals report links, so it needs the key the app will run with (appEnv below).
const REPORT_LINK_KEY = BENCH_REPORT_LINK_KEY;
process.env.REPORT_LINK_KEY = REPORT_LINK_KEY;
const db = await startTestDatabase();
const running: RunningServer[] = [];
const scratch = await mkdtemp(path.join(os.tmpdir(), "block-reports-bench-"));
try {
  say(`embedded Postgres ready; seeding (load average ${loadAverage()})`);
  const seeded = await seedBenchData(db.url, Number(values.blocks), say);
  await ensureBuild(say);
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const appEnv = {
    DATABASE_URL: db.url,
    PUBLIC_BASE_URL: base,
    NEXTAUTH_URL: base,
    NEXTAUTH_SECRET: "bench-only-secret-0123456789abcdefghijkl",
    REPORT_LINK_KEY,
    LOG_LEVEL: "warn",
    TRUSTED_PROXY_HOPS: "1",
  };
  const app = await startServer({
    ...frontServerCommand({ port, hostname: "127.0.0.1" }),
    port,
    readyPath: "/api/health",
    env: appEnv,
  });
  running.push(app);
  say(`front server ready on ${app.url} (pid ${app.pid})`);

  const states = [];
  for (let i = 0; i < 2; i += 1)
    states.push(
      (await fetch(app.url + reportPath, { headers: { "Accept-Encoding": "identity" } })).headers.get("x-report-cache"),
    );
  const pageResponse = await fetch(app.url + reportPath, { headers: { "Accept-Encoding": "identity" } });
  const html = await pageResponse.text();
  if (pageResponse.status !== 200 || states.join() !== "miss,hit")
    throw new Error(`the report page did not come from the cache (${pageResponse.status}, ${states.join()})`);
  const pageFile = path.join(scratch, "report.html");
  await writeFile(pageFile, html);
  const reportJs = await measurePageJavaScript(app.url, html);
  const floorTree = await pageMarkupTree(app.url + reportPath);
  say(
    `report page: ${Buffer.byteLength(html)} bytes of HTML, ${reportJs.scripts.length} scripts, ${reportJs.gzipBytes} bytes of JavaScript (gzip)`,
  );

  say(
    "building an empty App Router page and the floor page (the report's markup from a constant) with the same Next.js…",
  );
  const empty = await startEmptyApp(await freePort(), floorTree);
  running.push(empty);
  const emptyJs = await measurePageJavaScript(empty.url, await (await fetch(empty.url)).text());
  const floorHtml = await (await fetch(`${empty.url}/floor`)).text();

  const pids = { server: app.pid, postgres: await postgresPid(db.url) };
  const loadBefore = loadAverage();
  const cached = await measure(
    { label: "GET /?id&auth, front server (page cache; version query per view)", url: app.url + reportPath },
    pids,
  );
  const gzip = await measure(
    { label: "the same with Accept-Encoding: gzip", url: app.url + reportPath, headers: { "Accept-Encoding": "gzip" } },
    pids,
  );
  // A rendered view against the floor: alternating rounds (rendered, floor, floor, rendered, …),
  // both servers running throughout, so a neighbour's burst of load or the machine's state
  // falls on both alike; the ratio compares the rounds' totals.
  const renderedOptions = {
    label: "GET /?id&auth&n=… (a new URL each time: Next renders every view)",
    url: app.url,
    request: (n: number) => ({ method: "GET" as const, path: `${reportPath}&n=${n}-${Date.now()}` }),
  };
  const floorOptions = {
    label:
      "Next's floor: the same markup from a constant, GET /floor?n=… (a separate minimal Next app, rendered per request)",
    url: empty.url,
    request: (n: number) => ({ method: "GET" as const, path: `/floor?n=${n}-${Date.now()}` }),
  };
  const rendered: LoadResult[] = [];
  const floors: LoadResult[] = [];
  for (let round = 0; round < FLOOR_ROUNDS; round += 1) {
    const order = round % 2 === 0 ? (["rendered", "floor"] as const) : (["floor", "rendered"] as const);
    for (const which of order) {
      if (which === "rendered") rendered.push(await measure(renderedOptions, pids, FLOOR_ROUND_SECONDS, round === 0));
      else floors.push(await measure(floorOptions, { ...pids, server: empty.pid }, FLOOR_ROUND_SECONDS, round === 0));
    }
  }
  const uncached = combineRounds(rendered);
  const floor = combineRounds(floors);
  await empty.stop();
  const loadAfter = loadAverage();
  if (!app.alive()) throw new Error("the front server died during the run; results discarded");

  await app.stop();
  say("counting database round trips per view on the wire (a second instance of the app behind a counting relay)");
  const roundTrips = await measureRoundTrips({
    databaseUrl: db.url,
    port,
    env: appEnv,
    reportId: REPORT_ID,
    reportPath,
  });
  say(`  ${roundTrips.map((r) => `${r.label}: ${r.perView.toFixed(2)}`).join("; ")}`);

  const bareServer = await startServer({
    command: process.execPath,
    args: ["--import", "tsx", path.resolve("scripts/bench-report/bare-server.ts"), String(port), pageFile],
    port,
    readyPath: "/",
  });
  running.push(bareServer);
  const bare = await measure(
    { label: "bare node:http server, the same HTML bytes from memory", url: bareServer.url },
    { ...pids, server: bareServer.pid },
  );
  await bareServer.stop();

  say(
    `empty page: ${emptyJs.scripts.length} scripts, ${emptyJs.gzipBytes} bytes (gzip); the report page adds ${reportJs.gzipBytes - emptyJs.gzipBytes}`,
  );

  const dirty = execFileSync(
    "git",
    ["status", "--porcelain", "--", "app", "components", "lib", "proxy.ts", "scripts/serve.ts"],
    { encoding: "utf8" },
  ).trim();
  const commit =
    execFileSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim() +
    (dirty ? " plus uncommitted changes" : "");
  const nextVersion = JSON.parse(await readFile("node_modules/next/package.json", "utf8")).version as string;
  const section = describeRun({
    commit,
    loadBefore,
    loadAfter,
    seeded,
    page: pageBytes(html),
    floorPage: pageBytes(floorHtml),
    cached,
    gzip,
    uncached,
    floor,
    renderedRounds: rendered,
    floorRounds: floors,
    bare,
    roundTrips,
    reportJs,
    emptyJs,
    nextVersion,
  });
  writeBenchmarkSection("BENCHMARKS.md", "report", section);
  say("wrote the bench:report section of BENCHMARKS.md");
  console.log(section);
} finally {
  for (const server of running) await server.stop().catch(() => {});
  await rm(scratch, { recursive: true, force: true });
  await db.stop();
}
