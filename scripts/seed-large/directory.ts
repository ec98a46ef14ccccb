import type pg from "pg";

// The bulk blocks belong to their own accounts, so benchmark volume never mixes with the
// demo accounts. Names are fixed (bulk-acct-0001 …): a second run reuses the accounts and
// piles more history onto them, which is what a large customer looks like.

export const BULK_ACCOUNT_COUNT = 50;
export const BULK_ACCOUNT_PATTERN = "^bulk-acct-[0-9]{4}$";

/** The SMTP users the blocks are spread over, as parallel arrays for one SQL parameter each. */
export interface BulkTargets {
  smtpUserIds: string[];
  accountIds: string[];
  domains: string[];
  accounts: number;
}

const PLANS = [
  { name: "Starter", limitPerMinute: 120 },
  { name: "Growth", limitPerMinute: 600 },
  { name: "Business", limitPerMinute: 3000 },
];

// Serialises concurrent seed runs while they create the directory, so two of them cannot
// both create bulk-acct-0001 (account names are not unique in the schema).
const LOCK_KEY = "block-reports:seed-large:directory";

/** Creates whatever is missing of the bulk accounts and their 20–200 SMTP users each. */
export async function ensureBulkDirectory(client: pg.ClientBase): Promise<BulkTargets> {
  await client.query("BEGIN");
  try {
    await client.query("SELECT pg_advisory_xact_lock(hashtext($1))", [LOCK_KEY]);
    await client.query(
      `INSERT INTO account (name, plan_name, limit_per_minute)
       SELECT bulk_name, ($2::text[])[1 + i % 3], ($3::int[])[1 + i % 3]
       FROM generate_series(1, $1::int) AS i, format('bulk-acct-%s', lpad(i::text, 4, '0')) AS bulk_name
       WHERE NOT EXISTS (SELECT 1 FROM account a WHERE a.name = bulk_name)`,
      [BULK_ACCOUNT_COUNT, PLANS.map((p) => p.name), PLANS.map((p) => p.limitPerMinute)],
    );
    // The user count is a fixed function of the account number, so a rerun finds every
    // user already there and adds none.
    await client.query(
      `INSERT INTO smtp_user (account_id, username)
       SELECT a.id, format('bulk-u%s', lpad(u::text, 4, '0'))
       FROM account a
       CROSS JOIN LATERAL generate_series(1, 20 + (substr(a.name, 11)::int * 7919) % 181) AS u
       WHERE a.name ~ $1
       ON CONFLICT (account_id, username) DO NOTHING`,
      [BULK_ACCOUNT_PATTERN],
    );
    const { rows } = await client.query<{ id: string; account_id: string; domain: string }>(
      `SELECT s.id, s.account_id, a.name || '.example' AS domain
       FROM smtp_user s JOIN account a ON a.id = s.account_id
       WHERE a.name ~ $1 ORDER BY a.name, s.username`,
      [BULK_ACCOUNT_PATTERN],
    );
    await client.query("COMMIT");
    return {
      smtpUserIds: rows.map((r) => r.id),
      accountIds: rows.map((r) => r.account_id),
      domains: rows.map((r) => r.domain),
      accounts: new Set(rows.map((r) => r.account_id)).size,
    };
  } catch (error) {
    await client.query("ROLLBACK");
    throw error;
  }
}
