import { randomBytes } from "node:crypto";
import pg from "pg";
import { smtpReplyFor } from "@/lib/report-link";
import { batchSql } from "./batch-sql";
import { maySkipForeignKeyChecks, prepareBulkSession, rebuildDailyCounts } from "./bulk-session";
import { ensureBulkDirectory, type BulkTargets } from "./directory";
import { SPAM_RULES } from "./evidence-sql";

export interface SeedCounts {
  blocks: number;
  evidence: number;
  events: number;
}

export interface SeedLargeOptions {
  databaseUrl: string;
  blocks: number;
  /** Blocks per INSERT statement. */
  batchSize?: number;
  /** Batches in flight at once, each on its own connection (one Postgres backend each). */
  concurrency?: number;
  /** Keep foreign-key checks on even where skipping them is safe and permitted. */
  enforceForeignKeys?: boolean;
  /** Put every block into the first bulk account (bulk-acct-0001), as one large customer. */
  oneAccount?: boolean;
  onBatch?: (done: SeedCounts) => void;
}

export interface SeedLargeResult extends SeedCounts {
  accounts: number;
  smtpUsers: number;
  foreignKeyChecks: "enforced" | "skipped";
  elapsedMs: number;
}

interface Batch {
  targets: BulkTargets;
  size: number;
  /** Unique per batch: seeds the public ids and the open blocks' sender addresses. */
  tag: string;
  /** The stretch of the past year (fractions 0–1) this batch's history falls into. */
  slice: { start: number; width: number };
}

const UNIQUE_VIOLATION = "23505";
const ATTEMPTS = 3;

/**
 * Adds `blocks` generated blocks (with evidence and events) to the bulk accounts, creating
 * those first if needed, then refreshes planner statistics. Additive: every call adds more.
 * Opens its own connections (never a shared pool: they carry bulk-load session settings).
 */
/** The targets of the first bulk account alone, when all blocks go to one account. */
function onlyFirstAccount(targets: BulkTargets, one: boolean): BulkTargets {
  if (!one) return targets;
  const first = targets.accountIds[0];
  const keep = targets.accountIds.map((id) => id === first);
  const pick = <T>(values: T[]) => values.filter((_, i) => keep[i]);
  return {
    smtpUserIds: pick(targets.smtpUserIds),
    accountIds: pick(targets.accountIds),
    domains: pick(targets.domains),
    accounts: 1,
  };
}

export async function seedLargeVolume(options: SeedLargeOptions): Promise<SeedLargeResult> {
  const started = performance.now();
  const { targets, newId, skipChecks } = await withClient(options.databaseUrl, async (client) => ({
    targets: onlyFirstAccount(await ensureBulkDirectory(client), options.oneAccount ?? false),
    newId: await idExpression(client),
    skipChecks: !options.enforceForeignKeys && (await maySkipForeignKeyChecks(client)),
  }));
  const sql = batchSql(newId);
  const sizes = batchSizes(options.blocks, options.batchSize ?? 25_000);
  const runTag = randomBytes(4).toString("hex");
  const done: SeedCounts = { blocks: 0, evidence: 0, events: 0 };
  let next = 0;
  let skipped = skipChecks;
  const worker = () =>
    withClient(options.databaseUrl, async (client) => {
      skipped = (await prepareBulkSession(client, skipChecks)) && skipped;
      for (let index = next++; index < sizes.length; index = next++) {
        const slice = { start: index / sizes.length, width: 1 / sizes.length };
        const added = await insertBatch(client, sql, {
          targets,
          size: sizes[index]!,
          tag: `${runTag}-${index}`,
          slice,
        });
        done.blocks += added.blocks;
        done.evidence += added.evidence;
        done.events += added.events;
        options.onBatch?.({ ...done });
      }
    }).catch((error: unknown) => {
      next = sizes.length; // the other workers stop after their current batch
      throw error;
    });
  const outcomes = await Promise.allSettled(
    Array.from({ length: Math.min(options.concurrency ?? 2, sizes.length) }, worker),
  );
  const failure = outcomes.find((outcome) => outcome.status === "rejected");
  if (failure) throw failure.reason;
  // With triggers off the daily counts were not kept: recount the bulk accounts' (idempotent).
  if (skipChecks)
    await withClient(options.databaseUrl, (client) => rebuildDailyCounts(client, [...new Set(targets.accountIds)]));
  await withClient(options.databaseUrl, (client) =>
    client.query("ANALYZE account, smtp_user, block, evidence, event, block_daily_count"),
  );
  return {
    ...done,
    accounts: targets.accounts,
    smtpUsers: targets.smtpUserIds.length,
    foreignKeyChecks: skipped && sizes.length > 0 ? "skipped" : "enforced",
    elapsedMs: performance.now() - started,
  };
}

function batchSizes(total: number, batchSize: number): number[] {
  const sizes: number[] = [];
  for (let left = total; left > 0; left -= batchSize) sizes.push(Math.min(batchSize, left));
  return sizes;
}

async function withClient<T>(databaseUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** uuidv7() (Postgres 18+) keeps id indexes append-only; older servers get random v4 ids. */
async function idExpression(client: pg.Client): Promise<string> {
  const { rows } = await client.query<{ version: number }>(
    "SELECT current_setting('server_version_num')::int AS version",
  );
  return (rows[0]?.version ?? 0) >= 180000 ? "uuidv7()" : "gen_random_uuid()";
}

/**
 * One batch is one statement, so it lands whole or not at all. Public ids and digests are
 * random; a clash with an existing row is astronomically unlikely, and if it happens the
 * statement rolls back and the batch is drawn again.
 */
async function insertBatch(client: pg.Client, sql: string, batch: Batch): Promise<SeedCounts> {
  const { targets, size, slice } = batch;
  for (let attempt = 1; ; attempt += 1) {
    // A retry needs fresh public ids, which derive from the tag.
    const tag = attempt === 1 ? batch.tag : `${batch.tag}r${attempt}`;
    try {
      const { rows } = await client.query<SeedCounts>(sql, [
        size,
        targets.smtpUserIds,
        targets.accountIds,
        targets.domains,
        tag,
        SPAM_RULES.map((rule) => JSON.stringify(rule)),
        smtpReplyFor("SPAM"),
        smtpReplyFor("ABUSE"),
        smtpReplyFor("RATE"),
        slice.start,
        slice.width,
      ]);
      const added = rows[0]!;
      if (added.blocks !== size) throw new Error(`batch ${tag} added ${added.blocks} blocks, expected ${size}`);
      return added;
    } catch (error) {
      if ((error as { code?: string }).code !== UNIQUE_VIOLATION || attempt >= ATTEMPTS) throw error;
    }
  }
}
