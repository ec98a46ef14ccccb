-- Up Migration
-- An admin may reverse a decision on a review request, with a written reason: reversing a
-- decline lifts the block, reversing an approval puts the lifted block back in force. The
-- block's timeline records the reversal as its own event.
ALTER TYPE event_type ADD VALUE IF NOT EXISTS 'DECISION_REVERSED' AFTER 'APPEAL_DECIDED';

-- A lifted block put back in force becomes open again by an update, not an insert: the
-- policy service reloads its set of open senders when told (lib/policy/open-senders.ts).
CREATE FUNCTION block_reopened_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('block_reopened', '');
  RETURN NULL;
END $$;
CREATE TRIGGER block_reopened AFTER UPDATE OF status ON block FOR EACH ROW
  WHEN (OLD.status IN ('LIFTED', 'EXPIRED') AND NEW.status IN ('ACTIVE', 'UNDER_REVIEW'))
  EXECUTE FUNCTION block_reopened_notify();

-- Down Migration
DROP TRIGGER block_reopened ON block;
DROP FUNCTION block_reopened_notify();
-- Postgres cannot remove a value from an enum type; an unused DECISION_REVERSED is harmless.
