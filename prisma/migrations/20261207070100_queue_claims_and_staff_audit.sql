-- Up Migration
-- A reviewer claims a queue item (a review request or a reported case) so the team sees
-- who has it and since when. A claim lapses when its holder has not touched the item for
-- CLAIM_IDLE_MINUTES (claim_active_at is refreshed when they open or act on it); a lapsed
-- claim is simply ignored, so no job has to clear it.
ALTER TABLE appeal
  ADD COLUMN claimed_by_id   uuid REFERENCES app_user (id),
  ADD COLUMN claimed_at      timestamptz,
  ADD COLUMN claim_active_at timestamptz,
  ADD CONSTRAINT appeal_claim_whole CHECK ((claimed_by_id IS NULL) = (claimed_at IS NULL) AND (claimed_at IS NULL) = (claim_active_at IS NULL));
ALTER TABLE compliance_case
  ADD COLUMN claimed_by_id   uuid REFERENCES app_user (id),
  ADD COLUMN claimed_at      timestamptz,
  ADD COLUMN claim_active_at timestamptz,
  ADD CONSTRAINT compliance_case_claim_whole CHECK ((claimed_by_id IS NULL) = (claimed_at IS NULL) AND (claimed_at IS NULL) = (claim_active_at IS NULL));

-- The queue's order (longest waiting first) and its keyset pagination, per list.
CREATE INDEX appeal_open_queue_idx ON appeal (status, updated_at, id) WHERE status IN ('OPEN', 'NEEDS_INFO');
CREATE INDEX compliance_case_open_queue_idx ON compliance_case (created_at, id) WHERE status = 'OPEN';
-- "Claimed by me" comes first in every list: found without scanning the queue.
CREATE INDEX appeal_claimed_by_idx ON appeal (claimed_by_id) WHERE claimed_by_id IS NOT NULL;
CREATE INDEX compliance_case_claimed_by_idx ON compliance_case (claimed_by_id) WHERE claimed_by_id IS NOT NULL;

-- What staff did that is not a change to a block (those are in event, actor_type STAFF):
-- sign-ins, failed sign-ins, claims, and which reports they opened. Append-only like event,
-- by the same trigger function.
CREATE TYPE staff_audit_action AS ENUM ('SIGN_IN', 'SIGN_IN_FAILED', 'CLAIM', 'RELEASE', 'REASSIGN', 'VIEW');
CREATE TABLE staff_audit (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  -- Null for a failed sign-in with an address no user has.
  actor_id    uuid REFERENCES app_user (id),
  -- The address as typed (failed sign-in) or the user's at the time.
  actor_email text NOT NULL CHECK (length(actor_email) <= 320),
  action      staff_audit_action NOT NULL,
  -- A review request or case reference; null for sign-ins.
  target      text CHECK (length(target) <= 100),
  reason      text CHECK (length(reason) <= 2000),
  client      text CHECK (length(client) <= 100),
  data        jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX staff_audit_created_idx ON staff_audit (created_at DESC, id DESC);
-- Who opened a report, and the audit log filtered by target.
CREATE INDEX staff_audit_target_idx ON staff_audit (target, action) WHERE target IS NOT NULL;
CREATE TRIGGER staff_audit_append_only BEFORE UPDATE OR DELETE ON staff_audit
  FOR EACH ROW EXECUTE FUNCTION event_is_append_only();
CREATE TRIGGER staff_audit_no_truncate BEFORE TRUNCATE ON staff_audit
  FOR EACH STATEMENT EXECUTE FUNCTION event_is_append_only();
ALTER TABLE staff_audit ENABLE ALWAYS TRIGGER staff_audit_append_only;
ALTER TABLE staff_audit ENABLE ALWAYS TRIGGER staff_audit_no_truncate;
REVOKE UPDATE, DELETE, TRUNCATE ON staff_audit FROM PUBLIC;

-- The audit log reads staff actions on blocks newest first.
CREATE INDEX event_staff_idx ON event (created_at DESC, id DESC) WHERE actor_type = 'STAFF';

-- Down Migration
DROP INDEX event_staff_idx;
DROP TABLE staff_audit;
DROP TYPE staff_audit_action;
DROP INDEX compliance_case_claimed_by_idx;
DROP INDEX appeal_claimed_by_idx;
DROP INDEX compliance_case_open_queue_idx;
DROP INDEX appeal_open_queue_idx;
ALTER TABLE compliance_case DROP CONSTRAINT compliance_case_claim_whole, DROP COLUMN claim_active_at, DROP COLUMN claimed_at, DROP COLUMN claimed_by_id;
ALTER TABLE appeal DROP CONSTRAINT appeal_claim_whole, DROP COLUMN claim_active_at, DROP COLUMN claimed_at, DROP COLUMN claimed_by_id;
