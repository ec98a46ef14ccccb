// `npm run bench:api [-- --seconds 20]`: measures, in one run against a throwaway embedded
// Postgres and the production build served as `npm start` serves it (scripts/serve.ts):
// block creation with five evidence items through the API vs a raw pg insert of the same
// rows, and the relay's status check.
// Writes its section of BENCHMARKS.md. Targets (2 cores, 32 connections): creation at
// least 0.3 x the raw insert rate; status check at least 2,000 requests/s with p99 < 50 ms.
import { execFileSync } from "node:child_process";
import { parseArgs } from "node:util";
import { freePort, startTestDatabase } from "../tests/support/embedded-db";
import { writeBenchmarkSection } from "./bench/benchmarks-file";
import { runHttpLoad, type LoadRequest, type LoadResult } from "./bench/http-load";
import { failuresOf } from "./bench-api/report";
import { runRawInsert } from "./bench-api/raw-insert";
import { describeRun } from "./bench-api/summary";
import { BENCH_SCORES, benchEvidence } from "./bench-api/evidence";
import { CHECK_USERS, seedBenchData } from "./bench-api/seed";
import { startServedApp } from "./bench-api/server";
import { ensureBuild } from "./start/build";
import { loadAverage as load, benchLogger, BENCH_REPORT_LINK_KEY } from "./bench/bench-env";

const { values } = parseArgs({
  options: { seconds: { type: "string", default: "20" }, connections: { type: "string", default: "32" } },
});
const seconds = Math.max(5, Number(values.seconds));
const connections = Math.max(1, Number(values.connections));
const say = benchLogger("api");
/** The app seals report links with it; the seeded blocks are sealed with it too. */
const REPORT_LINK_KEY = BENCH_REPORT_LINK_KEY;

const db = await startTestDatabase();
let server: Awaited<ReturnType<typeof startServedApp>> | undefined;
try {
  say(`embedded Postgres ready; seeding (load average ${load()})`);
  const data = await seedBenchData(db.url, REPORT_LINK_KEY);
  await ensureBuild(say);
  const port = await freePort();
  server = await startServedApp({
    port,
    env: { DATABASE_URL: db.url, PUBLIC_BASE_URL: `http://127.0.0.1:${port}`, REPORT_LINK_KEY, LOG_LEVEL: "warn" },
  });
  say(`app ready on ${server.url} (scripts/serve.ts, pid ${server.pid})`);
  const headers = { authorization: `Bearer ${data.apiKey}`, "content-type": "application/json" };
  const evidence = benchEvidence();
  let created = 0;
  const createRequest = () => ({
    method: "POST" as const,
    path: "/api/v1/blocks",
    body: JSON.stringify({
      accountId: data.accountId,
      smtpUser: { username: `api-user-${++created}` },
      reason: "ABUSE",
      scores: BENCH_SCORES,
      evidence,
    }),
  });
  const checkRequest = (n: number) => ({
    method: "GET" as const,
    path: `/api/v1/blocks?smtpUser=check-user-${(n % CHECK_USERS) + 1}&senderAddress=news%40shop.example&status=active`,
  });
  const http = (label: string, request: (n: number) => LoadRequest, duration: number) =>
    runHttpLoad({ label, url: server!.url, seconds: duration, connections, headers, request });

  say("warming up (5 s creation, 5 s status check)");
  await http("warm-up", createRequest, 5);
  await http("warm-up", checkRequest, 5);

  const loadBefore = load();
  say(`measuring block creation through the API: ${seconds} s, ${connections} connections`);
  const api = await http("POST /api/v1/blocks (5 evidence items, new block each)", createRequest, seconds);
  say(`  ${api.perSecond.toFixed(0)} blocks/s, p99 ${api.latencyMs.p99} ms, failures ${failuresOf(api)}`);
  say(`measuring the raw pg insert of the same rows: ${seconds} s, ${connections} connections`);
  const raw = await runRawInsert({
    databaseUrl: db.url,
    accountId: data.accountId,
    usernamePrefix: "raw-user-",
    seconds,
    connections,
  });
  say(`  ${raw.perSecond.toFixed(0)} blocks/s, p99 ${raw.latencyMs.p99.toFixed(1)} ms, failures ${failuresOf(raw)}`);
  say(`measuring the status check: ${seconds} s, ${connections} connections`);
  const check = await http("GET /api/v1/blocks?smtpUser=…&senderAddress=…&status=active", checkRequest, seconds);
  say(`  ${check.perSecond.toFixed(0)} requests/s, p99 ${check.latencyMs.p99} ms, failures ${failuresOf(check)}`);
  say(`for scale, a route handler under Next refusing a request (no key, no database): ${seconds} s`);
  const floor = await runHttpLoad({
    label: "GET /api/v1/webhook-endpoints without a key: a route handler under Next answering 401, no database",
    url: server.url,
    seconds,
    connections,
    headers: {},
    request: () => ({ method: "GET", path: "/api/v1/webhook-endpoints" }),
    expectStatus: 401,
  });
  say(`  ${floor.perSecond.toFixed(0)} requests/s, p99 ${floor.latencyMs.p99} ms`);
  if (!server.alive()) throw new Error("the app died during the run; results discarded");

  const results: LoadResult[] = [api, raw, check, floor];
  const commit = execFileSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim();
  const section = describeRun({
    results,
    api,
    raw,
    check,
    seconds,
    connections,
    bodyBytes: Buffer.byteLength(createRequest().body),
    commit,
    loadBefore,
    loadAfter: load(),
  });
  writeBenchmarkSection("BENCHMARKS.md", "api", section);
  say("wrote the bench:api section of BENCHMARKS.md");
  console.log(`\n${section}\n`);
} finally {
  await server?.stop();
  await db.stop();
}
