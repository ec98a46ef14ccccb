-- Up Migration
-- The Postfix policy service keeps in memory which logins and sender addresses have an
-- open block at all, so the many messages of senders with none are answered without a
-- query (lib/policy/open-senders.ts). A block only ever becomes open by being inserted;
-- every insert statement tells listeners to look for new blocks (one notification per
-- statement, not per row, so bulk loads stay cheap; delivered when the insert commits).
CREATE FUNCTION block_opened_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('block_opened', '');
  RETURN NULL;
END $$;
CREATE TRIGGER block_opened AFTER INSERT ON block FOR EACH STATEMENT EXECUTE FUNCTION block_opened_notify();

-- Down Migration
DROP TRIGGER block_opened ON block;
DROP FUNCTION block_opened_notify();
