-- Up Migration
-- The timeline (event) is an audit trail, and compliance's audit log reads it. The row
-- trigger of the initial migration refused UPDATE and DELETE, but two ways past it were
-- left open:
--   * TRUNCATE fires no row triggers: it emptied the table silently;
--   * a session with session_replication_role = replica (what pg_restore and logical
--     replication tools set) skips ordinary triggers, so UPDATE and DELETE went through.
-- The trigger now fires ALWAYS, whatever the replication role, TRUNCATE is refused by a
-- statement trigger, and the error names the refused operation with SQLSTATE 42501
-- (insufficient_privilege) so callers can tell it from a bug. The table's owner can still
-- drop or disable triggers explicitly: that is DDL, recorded by the migrations, not an
-- accident of a statement.
CREATE OR REPLACE FUNCTION event_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% rows are append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;
ALTER TABLE event ENABLE ALWAYS TRIGGER event_append_only;
CREATE TRIGGER event_no_truncate BEFORE TRUNCATE ON event
  FOR EACH STATEMENT EXECUTE FUNCTION event_is_append_only();
ALTER TABLE event ENABLE ALWAYS TRIGGER event_no_truncate;
-- Nobody but the owner needs to change rows; make that explicit for any other role.
REVOKE UPDATE, DELETE, TRUNCATE ON event FROM PUBLIC;

-- Down Migration
DROP TRIGGER event_no_truncate ON event;
ALTER TABLE event ENABLE TRIGGER event_append_only;
CREATE OR REPLACE FUNCTION event_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'event rows are append-only';
END $$;
