import { randomBytes } from "node:crypto";
import pg from "pg";
import { parseEvidence } from "@/lib/evidence";
import { digestSecret, smtpReplyFor } from "@/lib/report-link";
import { BENCH_SCORES, benchEvidence } from "./evidence";
import type { LoadResult } from "../bench/http-load";
import { percentile } from "../bench/percentile";

/*
 * The baseline: the rows one API creation writes (a block, its five evidence items, its
 * CREATED event), inserted with raw pg by `connections` concurrent clients, one
 * transaction per block, with no HTTP, validation, authorisation or lookups in between.
 */
export async function runRawInsert(options: {
  databaseUrl: string;
  accountId: string;
  usernamePrefix: string;
  seconds: number;
  connections: number;
}): Promise<LoadResult> {
  const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.connections });
  const parsed = parseEvidence(benchEvidence());
  if (!parsed.success) throw new Error("bench evidence is invalid");
  const items = parsed.data;
  const users = await pool.query<{ id: string }>(
    "SELECT id FROM smtp_user WHERE account_id = $1 AND username LIKE $2 ORDER BY username",
    [options.accountId, `${options.usernamePrefix}%`],
  );
  let next = 0;
  const latencies: number[] = [];
  let failures = 0;
  const started = performance.now();
  const deadline = started + options.seconds * 1000;

  async function insertOne() {
    const smtpUserId = users.rows[next++ % users.rows.length]!.id;
    const client = await pool.connect();
    const t0 = performance.now();
    try {
      await client.query("BEGIN");
      const block = await client.query<{ id: string }>(
        `INSERT INTO block (public_id, secret_digest, account_id, smtp_user_id, reason, spam_score, abuse_score, rate_score, combined_score, threshold, smtp_reply)
         VALUES ($1, $2, $3, $4, 'ABUSE', $5, $6, $7, $8, $9, $10) RETURNING id`,
        [
          randomBytes(10).toString("hex"),
          Buffer.from(digestSecret(randomBytes(32).toString("base64url"))),
          options.accountId,
          smtpUserId,
          BENCH_SCORES.spam,
          BENCH_SCORES.abuse,
          BENCH_SCORES.rate,
          BENCH_SCORES.combined,
          BENCH_SCORES.threshold,
          smtpReplyFor("ABUSE"),
        ],
      );
      const blockId = block.rows[0]!.id;
      const values = items
        .map((_, i) => `($1, $2, $${3 + i * 4}::evidence_kind, $${4 + i * 4}, $${5 + i * 4}, $${6 + i * 4})`)
        .join(", ");
      await client.query(
        `INSERT INTO evidence (block_id, account_id, kind, observed_from, observed_to, data) VALUES ${values}`,
        [
          blockId,
          options.accountId,
          ...items.flatMap((item) => [item.kind, item.window.from, item.window.to, JSON.stringify(item)]),
        ],
      );
      await client.query(
        "INSERT INTO event (block_id, account_id, type, actor_type, data) VALUES ($1, $2, 'CREATED', 'RELAY', $3)",
        [
          blockId,
          options.accountId,
          JSON.stringify({ reason: "ABUSE", level: 1, scores: BENCH_SCORES, evidenceItems: items.length }),
        ],
      );
      await client.query("COMMIT");
      latencies.push(performance.now() - t0);
    } catch {
      failures += 1;
      await client.query("ROLLBACK").catch(() => {});
    } finally {
      client.release();
    }
  }

  const worker = async () => {
    while (performance.now() < deadline) await insertOne();
  };
  await Promise.all(Array.from({ length: options.connections }, worker));
  const seconds = (performance.now() - started) / 1000;
  await pool.end();
  latencies.sort((a, b) => a - b);
  return {
    label: "raw pg insert (block + 5 evidence + event, one transaction)",
    connections: options.connections,
    seconds,
    requests: latencies.length,
    perSecond: latencies.length / seconds,
    latencyMs: {
      p50: percentile(latencies, 50),
      p90: percentile(latencies, 90),
      p99: percentile(latencies, 99),
      max: latencies.at(-1) ?? 0,
    },
    errors: failures,
    unexpected: 0,
    megabytesPerSecond: 0,
  };
}
