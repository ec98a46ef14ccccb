import type pg from "pg";

// Session settings for the connections that insert batches. Only session-level knobs:
// the target may be someone's shared database, so nothing server-wide is changed.

const TOUCHED_TABLES = ["block", "evidence", "event"];
const TRIGGER_TYPE_INSERT = 1 << 2; // pg_trigger.tgtype bit, see catalog/pg_trigger.h
const INSUFFICIENT_PRIVILEGE = "42501";
/*
 * Insert triggers that may be skipped with the checks: block_opened only tells the Postfix
 * policy service to look for new blocks (migration 20261207030100), and the service also
 * reloads every open block each minute, so bulk-seeded blocks reach it all the same;
 * block_daily_count_insert's work the seed does itself afterwards (rebuildDailyCounts).
 */
const SKIPPABLE_TRIGGERS = ["block_opened", "block_daily_count_insert"];

/**
 * Whether foreign-key checks may be skipped: true only when the tables have no trigger of
 * their own that fires on INSERT (but the SKIPPABLE_TRIGGERS), so skipping triggers skips
 * nothing but the checks.
 *
 * The checks are a third of a batch's cost (each child row locks its block and account
 * row) and hold by construction here: evidence and events reference the block ids the
 * same statement just returned, blocks reference accounts and users read a moment
 * earlier, and nothing in the app deletes accounts, users or blocks. pg_restore's
 * --disable-triggers relies on the same reasoning. Unique and CHECK constraints, the
 * ones generated data could actually break, are enforced either way.
 */
export async function maySkipForeignKeyChecks(client: pg.ClientBase): Promise<boolean> {
  const { rows } = await client.query<{ tgname: string }>(
    `SELECT tgname FROM pg_trigger
     WHERE tgrelid = ANY (SELECT oid FROM pg_class WHERE relname = ANY ($1) AND relnamespace = current_schema()::regnamespace)
       AND NOT tgisinternal AND (tgtype & $2) <> 0 AND NOT (tgname = ANY ($3))`,
    [TOUCHED_TABLES, TRIGGER_TYPE_INSERT, SKIPPABLE_TRIGGERS],
  );
  return rows.length === 0;
}

/**
 * What block_daily_count_insert would have written for the blocks inserted with triggers
 * off: the accounts' daily and weekly counts, recounted from their blocks in one transaction.
 */
export async function rebuildDailyCounts(client: pg.ClientBase, accountIds: string[]): Promise<void> {
  await client.query("BEGIN");
  try {
    await client.query("DELETE FROM block_daily_count WHERE account_id = ANY ($1::uuid[])", [accountIds]);
    await client.query("DELETE FROM block_account_weekly_count WHERE account_id = ANY ($1::uuid[])", [accountIds]);
    await client.query(
      `INSERT INTO block_daily_count (account_id, smtp_user_id, day, reason, blocks)
       SELECT account_id, smtp_user_id, (created_at AT TIME ZONE 'UTC')::date, reason, count(*) FROM block
        WHERE account_id = ANY ($1::uuid[]) GROUP BY 1, 2, 3, 4`,
      [accountIds],
    );
    await client.query(
      `INSERT INTO block_account_weekly_count (account_id, week, reason, slot, blocks)
       SELECT account_id, date_trunc('week', day::timestamp)::date, reason, 0, sum(blocks) FROM block_daily_count
        WHERE account_id = ANY ($1::uuid[]) GROUP BY 1, 2, 3`,
      [accountIds],
    );
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK");
    throw error;
  }
}

/**
 * Prepares one inserting connection; returns whether foreign-key checks are skipped on it.
 * `session_replication_role = replica` needs superuser (or a SET grant); without it the
 * checks simply run.
 */
export async function prepareBulkSession(client: pg.ClientBase, skipForeignKeyChecks: boolean): Promise<boolean> {
  // Losing the last commits in a crash is fine for generated volume; waiting for every
  // commit's WAL flush is not.
  await client.query("SET synchronous_commit = off");
  // A batch sorts and materialises its generated rows (tens of MB at the default batch
  // size); with the default 4 MB they would spill to temporary files.
  await client.query("SET work_mem = '64MB'");
  if (!skipForeignKeyChecks) return false;
  try {
    await client.query("SET session_replication_role = replica");
    return true;
  } catch (error) {
    if ((error as { code?: string }).code === INSUFFICIENT_PRIVILEGE) return false;
    throw error;
  }
}
