-- Up Migration
-- The Postfix policy service keeps in memory which logins and sender addresses have an
-- open block at all, so the many messages of senders with none are answered without a
-- query, and the answers it gave blocked senders, so a flood from one costs no query per
-- message (lib/policy/open-senders.ts). A block only ever becomes open by being inserted,
-- and stops blocking (or changes its link) only by an update of its status or sealed
-- secret: those statements tell listeners (one notification per statement, not per row,
-- so bulk loads stay cheap; delivered when the transaction commits).
CREATE FUNCTION block_opened_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('block_opened', '');
  RETURN NULL;
END $$;
CREATE TRIGGER block_opened AFTER INSERT ON block FOR EACH STATEMENT EXECUTE FUNCTION block_opened_notify();

CREATE FUNCTION block_changed_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('block_changed', '');
  RETURN NULL;
END $$;
CREATE TRIGGER block_changed AFTER UPDATE OF status, secret_sealed ON block FOR EACH STATEMENT EXECUTE FUNCTION block_changed_notify();

-- Down Migration
DROP TRIGGER block_changed ON block;
DROP FUNCTION block_changed_notify();
DROP TRIGGER block_opened ON block;
DROP FUNCTION block_opened_notify();
