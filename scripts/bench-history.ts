// `npm run bench:history`: the owner portal against a running app (`npm start`) and its
// database, at whatever volume bulk-acct-0001 holds (`npm run seed:large -- --blocks N
// --one-account`). It signs in as a bench owner of that account, times the overview and
// the history pages over HTTP, streams the CSV export while sampling the server's memory,
// and keeps each volume's numbers in DATA_DIR/bench-history.json; BENCHMARKS.md shows all.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import bcrypt from "bcryptjs";
import pg from "pg";
import { chromium } from "playwright-core";
import { num, targetRow, writeBenchmarkSection } from "./bench/benchmarks-file";
import { openTargetDatabase } from "./seed-large/target-database";

const BASE = process.env.BENCH_BASE_URL ?? `http://127.0.0.1:${process.env.PORT ?? 3000}`;
const OWNER = { email: "bench-owner@bulk-acct-0001.example", password: "bench-owner-password-2026" };
const RUNS = Number(process.env.BENCH_RUNS ?? 40);
const RESULTS = path.join(process.env.DATA_DIR ?? ".data", "bench-history.json");
const say = (message: string) => console.log(`[bench:history] ${message}`);

type Timing = { p50: number; p95: number };
type Result = {
  blocks: number;
  overview: Timing;
  first: Timing;
  filtered: Timing;
  deep: Timing;
  csv: { rows: number; seconds: number; rowsPerSecond: number; peakRssMb: number; baseRssMb: number };
};

const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil((p / 100) * values.length) - 1)]!;

async function ensureOwner(client: pg.Client): Promise<{ accountId: string; blocks: number }> {
  const {
    rows: [account],
  } = await client.query<{ id: string }>("SELECT id FROM account WHERE name = 'bulk-acct-0001'");
  if (!account) throw new Error("no bulk-acct-0001: run `npm run seed:large -- --blocks 10000 --one-account` first");
  const hash = await bcrypt.hash(OWNER.password, 10);
  await client.query(
    `INSERT INTO app_user (email, name, password_hash, role, account_id) SELECT $1, 'Bench Owner', $2, 'OWNER', $3::uuid
     WHERE NOT EXISTS (SELECT 1 FROM app_user WHERE lower(email) = lower($1))`,
    [OWNER.email, hash, account.id],
  );
  const {
    rows: [count],
  } = await client.query<{ n: string }>("SELECT count(*) AS n FROM block WHERE account_id = $1", [account.id]);
  return { accountId: account.id, blocks: Number(count!.n) };
}

async function sessionCookie(): Promise<string> {
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  try {
    const page = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
    await page.goto(`${BASE}/sign-in`);
    await page.getByLabel("Email address").fill(OWNER.email);
    await page.getByLabel("Password").fill(OWNER.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL((url) => url.pathname === "/account");
    return (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
  } finally {
    await browser.close();
  }
}

async function time(url: string, cookie: string): Promise<Timing> {
  const samples: number[] = [];
  for (let i = 0; i < RUNS + 3; i += 1) {
    const start = performance.now();
    const response = await fetch(url, { headers: { cookie } });
    const body = await response.text();
    if (response.status !== 200 || !body.includes("Block history")) throw new Error(`${url}: ${response.status}`);
    if (i >= 3) samples.push(performance.now() - start);
  }
  return { p50: percentile(samples, 50), p95: percentile(samples, 95) };
}

/** The process listening on the app's port (the server whose memory the export is measured in). */
function serverPid(): number {
  const port = new URL(BASE).port || "80";
  const out = execFileSync("ss", ["-ltnpH", `sport = :${port}`], { encoding: "utf8" });
  const pid = /pid=(\d+)/.exec(out)?.[1];
  if (!pid) throw new Error(`no process listens on port ${port}`);
  return Number(pid);
}

const rssMb = (pid: number) =>
  Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) / 1024;

async function exportCsv(cookie: string): Promise<Result["csv"]> {
  const pid = serverPid();
  const baseRssMb = rssMb(pid);
  let peakRssMb = baseRssMb;
  const sampler = setInterval(() => (peakRssMb = Math.max(peakRssMb, rssMb(pid))), 50);
  const start = performance.now();
  const response = await fetch(`${BASE}/account/blocks/export`, { headers: { cookie } });
  let rows = -1; // the header
  const reader = response.body!.getReader();
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
    for (const byte of chunk.value) if (byte === 10) rows += 1;
  }
  const seconds = (performance.now() - start) / 1000;
  clearInterval(sampler);
  return { rows, seconds, rowsPerSecond: rows / seconds, peakRssMb, baseRssMb };
}

async function deepCursor(client: pg.Client, accountId: string): Promise<string> {
  const {
    rows: [count],
  } = await client.query<{ n: string }>(
    "SELECT count(*) AS n FROM block WHERE account_id = $1 AND status = 'EXPIRED'",
    [accountId],
  );
  const {
    rows: [row],
  } = await client.query<{ micros: string; id: string }>(
    `SELECT (extract(epoch FROM created_at) * 1000000)::bigint::text AS micros, id FROM block WHERE account_id = $1 AND status = 'EXPIRED'
     ORDER BY created_at DESC, id DESC OFFSET $2 LIMIT 1`,
    [accountId, Math.floor(Number(count!.n) * 0.8)],
  );
  return `${row!.micros}_${row!.id}`;
}

function writeSection(results: Record<string, Result>) {
  const ordered = Object.values(results).sort((a, b) => a.blocks - b.blocks);
  const ms = (t: Timing) => `${num(t.p50, 1)} / ${num(t.p95, 1)} ms`;
  const lines = [
    "## Owner portal (`npm run bench:history`)",
    "",
    "Server time (request to last byte, over HTTP on the same machine, one request at a time, p50 / p95 of",
    `${RUNS} after 3 warm-ups) of the owner's pages for an account holding all the blocks, and the CSV export of`,
    "its whole history with the server process's peak resident memory (sampled every 50 ms). Measured on a",
    "2-core machine shared with other work, so single p95s are noisy; the queries' own plans are index-only",
    "or keyset index scans whose cost does not grow with the account's size.",
    "",
    "```sh",
    "npm start                                                  # in another terminal",
    "npm run seed:large -- --blocks 10000 --one-account && npm run bench:history",
    "npm run seed:large -- --blocks 990000 --one-account && npm run bench:history",
    "```",
    "",
    `| page | ${ordered.map((r) => `${num(r.blocks)} blocks`).join(" | ")} |`,
    `| --- | ${ordered.map(() => "---").join(" | ")} |`,
    `| overview \`/account\` | ${ordered.map((r) => ms(r.overview)).join(" | ")} |`,
    `| history, first page | ${ordered.map((r) => ms(r.first)).join(" | ")} |`,
    `| history, filtered (status EXPIRED), first page | ${ordered.map((r) => ms(r.filtered)).join(" | ")} |`,
    `| history, filtered, a deep page (80 % in) | ${ordered.map((r) => ms(r.deep)).join(" | ")} |`,
    `| CSV export: rows, rows/s | ${ordered.map((r) => `${num(r.csv.rows)} in ${num(r.csv.seconds, 1)} s, ${num(r.csv.rowsPerSecond)}/s`).join(" | ")} |`,
    `| CSV export: server RSS before → peak | ${ordered.map((r) => `${num(r.csv.baseRssMb)} → ${num(r.csv.peakRssMb)} MB`).join(" | ")} |`,
  ];
  const small = ordered[0];
  const large = ordered[ordered.length - 1];
  if (small && large && large.blocks >= 100 * small.blocks) {
    const ratio = (key: "first" | "filtered" | "deep" | "overview") => large[key].p95 / small[key].p95;
    lines.push("", "| target | measured | |", "| --- | --- | --- |");
    for (const key of ["first", "filtered", "deep", "overview"] as const) {
      lines.push(
        targetRow(
          `${key} p95 at ${num(large.blocks)} ≤ 1.2 × p95 at ${num(small.blocks)}`,
          `${num(ratio(key), 2)} ×`,
          ratio(key) <= 1.2,
        ),
      );
    }
    lines.push(
      targetRow(
        `overview p95 at ${num(large.blocks)} < 200 ms`,
        `${num(large.overview.p95, 1)} ms`,
        large.overview.p95 < 200,
      ),
    );
    // The whole Next server's resident size is far above 200 MB before any export starts; what
    // the export itself holds is the growth from there to the peak.
    const growth = large.csv.peakRssMb - large.csv.baseRssMb;
    lines.push(
      targetRow(
        `CSV export of ${num(large.csv.rows)} rows: server memory growth (peak − before) < 200 MB`,
        `${num(growth)} MB`,
        growth < 200,
      ),
    );
  }
  writeBenchmarkSection("BENCHMARKS.md", "history", lines.join("\n"));
}

const target = await openTargetDatabase(say);
const client = new pg.Client({ connectionString: target.url });
await client.connect();
try {
  const { accountId, blocks } = await ensureOwner(client);
  say(`bulk-acct-0001 holds ${num(blocks)} blocks; signing in at ${BASE}`);
  const cookie = await sessionCookie();
  const deep = await deepCursor(client, accountId);
  const result: Result = {
    blocks,
    overview: await time(`${BASE}/account`, cookie),
    first: await time(`${BASE}/account/blocks`, cookie),
    filtered: await time(`${BASE}/account/blocks?status=EXPIRED`, cookie),
    deep: await time(`${BASE}/account/blocks?status=EXPIRED&after=${deep}`, cookie),
    csv: await exportCsv(cookie),
  };
  say(JSON.stringify(result));
  const all: Record<string, Result> = existsSync(RESULTS) ? JSON.parse(readFileSync(RESULTS, "utf8")) : {};
  all[String(blocks)] = result;
  writeFileSync(RESULTS, JSON.stringify(all, null, 2));
  writeSection(all);
  say("BENCHMARKS.md updated");
} finally {
  await client.end();
  await target.release();
}
