-- Up Migration
-- The owner overview's weekly chart read block_daily_count, one row per SMTP user, day and
-- reason: at a million blocks in one account that is some 40,000 rows for 12 weeks, and the
-- overview's time grew with the account's size. block_account_weekly_count holds the same
-- blocks per account, week and reason, so the chart reads at most 12 weeks × 3 reasons ×
-- 16 slots, whatever the account's size or number of SMTP users. It is kept by the same
-- statement-level triggers on block as block_daily_count, in the same transaction.
--
-- A slot per writer: every block of an account would otherwise update the same row for
-- the week and reason, and concurrent block creations in one account would queue on its
-- row lock until each commits. Each connection adds to the slot of its backend (pid % 16),
-- so concurrent writers (one per connection) mostly land on different rows; a reader sums
-- the slots. A slot's own number means nothing (an update may subtract from another slot
-- than the one that added); only the sum over slots is the count.
CREATE TABLE block_account_weekly_count (
  account_id uuid NOT NULL REFERENCES account (id),
  -- Monday (UTC) the week starts on, as date_trunc('week') gives it.
  week       date NOT NULL,
  reason     block_reason NOT NULL,
  slot       smallint NOT NULL CHECK (slot BETWEEN 0 AND 15),
  blocks     integer NOT NULL,
  PRIMARY KEY (account_id, week, reason, slot)
);

-- The overview's "blocks in the last 30 days" for the SMTP users it shows: their rows only,
-- not every SMTP user's. No INCLUDE (blocks): the triggers' updates of blocks stay HOT.
CREATE INDEX block_daily_count_user_day_idx ON block_daily_count (account_id, smtp_user_id, day);

-- One change to the counts: a block counted (+1) or uncounted (-1) at its account, SMTP
-- user, creation time and reason. The triggers pass them as an array so both tables are
-- written by one statement with one plan, whichever way the rows changed.
CREATE TYPE block_count_delta AS (
  account_id   uuid,
  smtp_user_id uuid,
  created_at   timestamptz,
  reason       block_reason,
  n            integer
);

CREATE FUNCTION block_counts_add(deltas block_count_delta[]) RETURNS void LANGUAGE sql AS $$
  WITH delta AS (SELECT * FROM unnest(deltas)),
  daily AS (
    INSERT INTO block_daily_count AS c (account_id, smtp_user_id, day, reason, blocks)
    SELECT account_id, smtp_user_id, (created_at AT TIME ZONE 'UTC')::date, reason, sum(n) FROM delta GROUP BY 1, 2, 3, 4
    ON CONFLICT (account_id, day, smtp_user_id, reason) DO UPDATE SET blocks = c.blocks + EXCLUDED.blocks
  )
  INSERT INTO block_account_weekly_count AS c (account_id, week, reason, slot, blocks)
  SELECT account_id, date_trunc('week', created_at AT TIME ZONE 'UTC')::date, reason, pg_backend_pid() % 16, sum(n)
    FROM delta GROUP BY 1, 2, 3
  ON CONFLICT (account_id, week, reason, slot) DO UPDATE SET blocks = c.blocks + EXCLUDED.blocks;
$$;

-- An update moves only the rows whose account, SMTP user, creation time or reason changed
-- (most updates change none, and then nothing is written).
CREATE OR REPLACE FUNCTION block_daily_count_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM block_counts_add(ARRAY(
      SELECT ROW(account_id, smtp_user_id, created_at, reason, 1)::block_count_delta FROM new_rows));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM block_counts_add(ARRAY(
      SELECT ROW(account_id, smtp_user_id, created_at, reason, -1)::block_count_delta FROM old_rows));
  ELSE
    PERFORM block_counts_add(ARRAY(
      SELECT d FROM old_rows o JOIN new_rows n ON n.id = o.id,
        LATERAL (VALUES (ROW(o.account_id, o.smtp_user_id, o.created_at, o.reason, -1)::block_count_delta),
                        (ROW(n.account_id, n.smtp_user_id, n.created_at, n.reason, 1)::block_count_delta)) AS moved (d)
       WHERE (o.account_id, o.smtp_user_id, o.created_at, o.reason) IS DISTINCT FROM (n.account_id, n.smtp_user_id, n.created_at, n.reason)));
  END IF;
  RETURN NULL;
END $$;

INSERT INTO block_account_weekly_count (account_id, week, reason, slot, blocks)
SELECT account_id, date_trunc('week', day::timestamp)::date, reason, 0, sum(blocks) FROM block_daily_count GROUP BY 1, 2, 3;

-- Down Migration
CREATE OR REPLACE FUNCTION block_daily_count_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO block_daily_count AS c (account_id, smtp_user_id, day, reason, blocks)
    SELECT account_id, smtp_user_id, (created_at AT TIME ZONE 'UTC')::date, reason, count(*) FROM new_rows GROUP BY 1, 2, 3, 4
    ON CONFLICT (account_id, day, smtp_user_id, reason) DO UPDATE SET blocks = c.blocks + EXCLUDED.blocks;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO block_daily_count AS c (account_id, smtp_user_id, day, reason, blocks)
    SELECT account_id, smtp_user_id, (created_at AT TIME ZONE 'UTC')::date, reason, -count(*) FROM old_rows GROUP BY 1, 2, 3, 4
    ON CONFLICT (account_id, day, smtp_user_id, reason) DO UPDATE SET blocks = c.blocks + EXCLUDED.blocks;
  ELSE
    INSERT INTO block_daily_count AS c (account_id, smtp_user_id, day, reason, blocks)
    SELECT account_id, smtp_user_id, day, reason, sum(delta) FROM (
      SELECT o.account_id, o.smtp_user_id, (o.created_at AT TIME ZONE 'UTC')::date AS day, o.reason, -1 AS delta
        FROM old_rows o JOIN new_rows n ON n.id = o.id
       WHERE (o.account_id, o.smtp_user_id, o.created_at, o.reason) IS DISTINCT FROM (n.account_id, n.smtp_user_id, n.created_at, n.reason)
      UNION ALL
      SELECT n.account_id, n.smtp_user_id, (n.created_at AT TIME ZONE 'UTC')::date, n.reason, 1
        FROM old_rows o JOIN new_rows n ON n.id = o.id
       WHERE (o.account_id, o.smtp_user_id, o.created_at, o.reason) IS DISTINCT FROM (n.account_id, n.smtp_user_id, n.created_at, n.reason)
    ) moved GROUP BY 1, 2, 3, 4
    ON CONFLICT (account_id, day, smtp_user_id, reason) DO UPDATE SET blocks = c.blocks + EXCLUDED.blocks;
  END IF;
  RETURN NULL;
END $$;
DROP FUNCTION block_counts_add(block_count_delta[]);
DROP TYPE block_count_delta;
DROP INDEX block_daily_count_user_day_idx;
DROP TABLE block_account_weekly_count;
