// `npm run bench:seed [-- --blocks 1000000]`: `npm run seed:large` on a throwaway embedded
// Postgres, against a baseline measured in the same run on the same server: Postgres writing
// the same number of rows and the same bytes into one bare table (no indexes, no
// constraints, no JSON, no statistics) with the same number of connections. Writes its
// section of BENCHMARKS.md. Target (issue #2): 1,000,000 blocks in under 5 minutes on 2 cores.
import { execFileSync } from "node:child_process";
import os from "node:os";
import { parseArgs } from "node:util";
import pg from "pg";
import { startTestDatabase } from "../tests/support/embedded-db";
import { num, targetRow, writeBenchmarkSection } from "./bench/benchmarks-file";
import { createProgressReporter, formatDuration } from "./seed-large/progress";
import { seedLargeVolume, type SeedLargeResult } from "./seed-large/seed-volume";
import { SEEDED_TABLES } from "./seed-large/table-counts";
import { loadAverage, benchLogger } from "./bench/bench-env";

const { values } = parseArgs({ options: { blocks: { type: "string", default: "1000000" } } });
const blocks = Number(values.blocks);
if (!Number.isInteger(blocks) || blocks < 10_000) {
  console.error("bench:seed: --blocks must be a whole number of at least 10,000");
  process.exit(1);
}
const TARGET_BLOCKS = 1_000_000;
const TARGET_MS = 5 * 60_000;
const concurrency = Math.min(os.availableParallelism(), 4);
const say = benchLogger("seed");

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

/** Heap, TOAST and index bytes of the tables seed:large writes to. */
async function seededBytes(url: string): Promise<number> {
  const sum = SEEDED_TABLES.map((table) => `pg_total_relation_size('${table}')`).join(" + ");
  const [row] = await query<{ bytes: string }>(url, `SELECT (${sum})::bigint AS bytes`);
  return Number(row!.bytes);
}

/**
 * The floor: `rows` rows of `rowBytes` each into a bare table, split over `concurrency`
 * connections like the seed. EXTERNAL storage keeps Postgres from compressing the filler,
 * so the table ends up about as large as what the seed wrote.
 */
async function bareWrite(url: string, rows: number, rowBytes: number): Promise<{ ms: number; bytes: number }> {
  await query(
    url,
    "CREATE TABLE bench_bare (id bigint, payload text); ALTER TABLE bench_bare ALTER payload SET STORAGE EXTERNAL",
  );
  const payload = Math.max(1, Math.round(rowBytes) - 40); // tuple header, item pointer, id and length word
  const chunk = 50_000;
  const starts: number[] = [];
  for (let from = 1; from <= rows; from += chunk) starts.push(from);
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, lane) => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        for (let i = lane; i < starts.length; i += concurrency) {
          const from = starts[i]!;
          const to = Math.min(rows, from + chunk - 1);
          await client.query(
            `INSERT INTO bench_bare SELECT g, left(repeat(md5(g::text), ${Math.ceil(payload / 32)}), ${payload})
             FROM generate_series(${from}::bigint, ${to}::bigint) g`,
          );
        }
      } finally {
        await client.end();
      }
    }),
  );
  const ms = performance.now() - started;
  const [row] = await query<{ bytes: string }>(url, "SELECT pg_total_relation_size('bench_bare')::bigint AS bytes");
  return { ms, bytes: Number(row!.bytes) };
}

function describe(run: {
  commit: string;
  loadBefore: string;
  loadAfter: string;
  seed: SeedLargeResult;
  bytes: number;
  bare: { ms: number; bytes: number };
}): string {
  const { seed, bare } = run;
  const rows = seed.blocks + seed.evidence + seed.events;
  const perSecond = seed.blocks / (seed.elapsedMs / 1000);
  const projectedMs = (TARGET_BLOCKS / perSecond) * 1000;
  const measuredAtTarget = seed.blocks >= TARGET_BLOCKS;
  const cpu = os.cpus();
  const when = new Date().toISOString().slice(0, 16).replace("T", " ");
  const mb = (bytes: number) => `${num(bytes / 1024 / 1024)} MB`;
  return `
## Volume seed (\`npm run bench:seed\`)

Measured ${when} UTC on commit ${run.commit}: ${cpu.length} × ${cpu[0]?.model.trim() ?? "CPU"}, Node ${process.version}, a throwaway embedded PostgreSQL; load average ${run.loadBefore} before, ${run.loadAfter} after.

\`npm run seed:large -- --blocks ${seed.blocks}\` (${concurrency} connections, 25,000 blocks per statement, foreign-key checks ${seed.foreignKeyChecks}, ANALYZE included) wrote ${num(seed.blocks)} blocks, ${num(seed.evidence)} evidence items and ${num(seed.events)} events — ${num(rows)} rows, ${mb(run.bytes)} with indexes — in **${formatDuration(seed.elapsedMs)}** (${num(perSecond)} blocks/s).

Baseline, same server, same run: Postgres writing ${num(rows)} rows into one table with no index, constraint or JSON, ${concurrency} connections, ${mb(bare.bytes)} in all: ${formatDuration(bare.ms)}. The seed takes **${num(seed.elapsedMs / bare.ms, 2)} ×** the time of that bare write of the same rows and bytes.

| target | measured | |
| --- | --- | --- |
${targetRow("1,000,000 blocks in under 5 min (2 cores)", measuredAtTarget ? formatDuration(seed.elapsedMs) : `${formatDuration(projectedMs)} projected from ${num(seed.blocks)} blocks`, projectedMs < TARGET_MS)}

What the ratio covers: the seed generates varied content (JSON evidence of every kind, event histories, realistic timestamps) in SQL, maintains every index of the real schema (public id, digest, access paths, the partial unique indexes) and runs ANALYZE; the baseline does none of that. Reproduce: \`npm run bench:seed\` (the seed plus about a third again for the baseline; \`-- --blocks N\` for a shorter run).
`;
}

const db = await startTestDatabase();
try {
  const commit = execFileSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim();
  const loadBefore = loadAverage();
  say(`embedded Postgres ready; seeding ${num(blocks)} blocks (load average ${loadBefore})`);
  const bytesBefore = await seededBytes(db.url);
  const progress = createProgressReporter(blocks);
  const seed = await seedLargeVolume({
    databaseUrl: db.url,
    blocks,
    concurrency,
    onBatch(done) {
      progress.update(done);
      if (done.blocks >= blocks) progress.stop();
    },
  });
  const bytes = (await seededBytes(db.url)) - bytesBefore;
  const rows = seed.blocks + seed.evidence + seed.events;
  say(`seed: ${formatDuration(seed.elapsedMs)}, ${num(rows)} rows, ${num(bytes / 1024 / 1024)} MB`);
  say(`baseline: the same rows and bytes into a bare table (load average ${loadAverage()})`);
  const bare = await bareWrite(db.url, rows, bytes / rows);
  say(`baseline: ${formatDuration(bare.ms)}, ${num(bare.bytes / 1024 / 1024)} MB`);
  const section = describe({ commit, loadBefore, loadAfter: loadAverage(), seed, bytes, bare });
  writeBenchmarkSection("BENCHMARKS.md", "seed", section);
  say("wrote the bench:seed section of BENCHMARKS.md");
  console.log(section);
} finally {
  await db.stop();
}
