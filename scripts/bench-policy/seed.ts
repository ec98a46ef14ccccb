import { randomBytes } from "node:crypto";
import pg from "pg";
import { digestSecret, generatePublicId, sealingKeyFrom, sealSecret, smtpReplyFor } from "@/lib/report-link";

export const POLICY_USERS = 20_000;
/** Every BLOCKED_EVERY-th user is blocked (the whole SMTP user). */
export const BLOCKED_EVERY = 10;

/** One account with `policy-user-1` … `policy-user-20000`; every tenth has an open block with a sealed link. */
export async function seedPolicyBench(databaseUrl: string, reportLinkKey: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const account = await client.query<{ id: string }>(
      "INSERT INTO account (name, plan_name, limit_per_minute) VALUES ('Policy bench', 'Standard', 600) RETURNING id",
    );
    const accountId = account.rows[0]!.id;
    const users = await client.query<{ id: string; username: string }>(
      "INSERT INTO smtp_user (account_id, username) SELECT $1, 'policy-user-' || g FROM generate_series(1, $2::int) g RETURNING id, username",
      [accountId, POLICY_USERS],
    );
    const key = sealingKeyFrom(reportLinkKey);
    const blocked = users.rows.filter(
      (user) => Number(user.username.slice("policy-user-".length)) % BLOCKED_EVERY === 0,
    );
    const rows = blocked.map((user) => {
      const publicId = generatePublicId();
      const secret = randomBytes(32).toString("base64url");
      return {
        user: user.id,
        publicId,
        digest: Buffer.from(digestSecret(secret)),
        sealed: Buffer.from(sealSecret(key, publicId, secret)),
      };
    });
    await client.query(
      `INSERT INTO block (public_id, secret_digest, secret_sealed, account_id, smtp_user_id, reason, spam_score, abuse_score,
         rate_score, combined_score, threshold, smtp_reply)
       SELECT p, d, s, $1, u, 'ABUSE', 31, 78, 12, 84, 70, $2
       FROM unnest($3::text[], $4::bytea[], $5::bytea[], $6::uuid[]) AS r(p, d, s, u)`,
      [
        accountId,
        smtpReplyFor("ABUSE"),
        rows.map((r) => r.publicId),
        rows.map((r) => r.digest),
        rows.map((r) => r.sealed),
        rows.map((r) => r.user),
      ],
    );
    await client.query("ANALYZE");
  } finally {
    await client.end();
  }
}
