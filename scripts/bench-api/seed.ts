import pg from "pg";
import { generateApiKey } from "@/lib/api/api-key-format";
import { randomBytes } from "node:crypto";
import { digestSecret, sealingKeyFrom, sealSecret, smtpReplyFor } from "@/lib/report-link";

export const CHECK_USERS = 20_000;
export const CREATE_USERS = 300_000;

export interface BenchData {
  accountId: string;
  apiKey: string;
}

/*
 * One account with pre-created SMTP users: `api-user-N` for creation through the API,
 * `raw-user-N` for the raw insert baseline (one fresh user per block, so neither run ever
 * meets an open block), and `check-user-N` for the status check, every fifth of them
 * blocked (half of those for one sender address only), each with a sealed link (under
 * `reportLinkKey`), so every answer for a blocked sender opens one.
 */
export async function seedBenchData(databaseUrl: string, reportLinkKey: string): Promise<BenchData> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const account = await client.query<{ id: string }>(
      "INSERT INTO account (name, plan_name, limit_per_minute) VALUES ('Bench', 'Standard', 600) RETURNING id",
    );
    const accountId = account.rows[0]!.id;
    for (const [prefix, count] of [
      ["api-user-", CREATE_USERS],
      ["raw-user-", CREATE_USERS],
      ["check-user-", CHECK_USERS],
    ] as const) {
      await client.query(
        "INSERT INTO smtp_user (account_id, username, external_id) SELECT $1, $2 || g, $2 || 'ext-' || g FROM generate_series(1, $3::int) g",
        [accountId, prefix, count],
      );
    }
    await client.query(
      `INSERT INTO block (public_id, secret_digest, account_id, smtp_user_id, sender_address, reason, spam_score, abuse_score,
         rate_score, combined_score, threshold, smtp_reply)
       SELECT substr(md5(u.id::text), 1, 20), sha256(convert_to(u.id::text, 'UTF8')), u.account_id, u.id,
         CASE WHEN substr(u.username, 12)::int % 10 = 0 THEN 'news@shop.example' END,
         'ABUSE', 31, 78, 12, 84, 70, $2
       FROM smtp_user u WHERE u.account_id = $1 AND u.username LIKE 'check-user-%' AND substr(u.username, 12)::int % 5 = 0`,
      [accountId, smtpReplyFor("ABUSE")],
    );
    // Secrets the app can say again: a random one per block, its digest and its sealed form.
    const sealingKey = sealingKeyFrom(reportLinkKey);
    const blocks = await client.query<{ id: string; public_id: string }>(
      "SELECT id, public_id FROM block WHERE account_id = $1",
      [accountId],
    );
    const secrets = blocks.rows.map((block) => ({ block, secret: randomBytes(32).toString("base64url") }));
    await client.query(
      `UPDATE block SET secret_digest = u.digest, secret_sealed = u.sealed
       FROM unnest($1::uuid[], $2::bytea[], $3::bytea[]) AS u(block_id, digest, sealed) WHERE block.id = u.block_id`,
      [
        secrets.map((s) => s.block.id),
        secrets.map((s) => Buffer.from(digestSecret(s.secret))),
        secrets.map((s) => Buffer.from(sealSecret(sealingKey, s.block.public_id, s.secret))),
      ],
    );
    const key = generateApiKey();
    await client.query("INSERT INTO api_key (name, prefix, key_digest) VALUES ('bench', $1, $2)", [
      key.prefix,
      Buffer.from(key.digest),
    ]);
    await client.query("ANALYZE");
    return { accountId, apiKey: key.key };
  } finally {
    await client.end();
  }
}
