-- Up Migration
-- Blocks per account, SMTP user, UTC day and reason, kept by triggers on block: the owner
-- portal's weekly chart and "blocks in the last 30 days" read at most one row per SMTP
-- user, day and reason instead of counting every block, so they cost the same at a
-- million blocks as at ten thousand. Statement-level triggers: a bulk insert updates each
-- (account, user, day, reason) once.
CREATE TABLE block_daily_count (
  account_id   uuid NOT NULL REFERENCES account (id),
  smtp_user_id uuid NOT NULL REFERENCES smtp_user (id),
  day          date NOT NULL,
  reason       block_reason NOT NULL,
  blocks       integer NOT NULL,
  PRIMARY KEY (account_id, day, smtp_user_id, reason)
);

-- Counts one side of a change: +1 per inserted row, -1 per deleted row; an update moves
-- only the rows whose account, SMTP user, day or reason changed (most updates change none).
CREATE FUNCTION block_daily_count_apply() RETURNS trigger LANGUAGE plpgsql AS $$
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

CREATE TRIGGER block_daily_count_insert AFTER INSERT ON block REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION block_daily_count_apply();
CREATE TRIGGER block_daily_count_update AFTER UPDATE ON block REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION block_daily_count_apply();
CREATE TRIGGER block_daily_count_delete AFTER DELETE ON block REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION block_daily_count_apply();

INSERT INTO block_daily_count (account_id, smtp_user_id, day, reason, blocks)
SELECT account_id, smtp_user_id, (created_at AT TIME ZONE 'UTC')::date, reason, count(*) FROM block GROUP BY 1, 2, 3, 4;

-- Down Migration
DROP TRIGGER block_daily_count_delete ON block;
DROP TRIGGER block_daily_count_update ON block;
DROP TRIGGER block_daily_count_insert ON block;
DROP FUNCTION block_daily_count_apply();
DROP TABLE block_daily_count;
