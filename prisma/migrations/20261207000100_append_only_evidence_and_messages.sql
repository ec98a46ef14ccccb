-- Up Migration
-- Evidence and the messages of a review request are records of what happened, like the
-- event timeline: rows are only ever added. The report's version (report-version.ts)
-- counts their rows rather than hashing them, which is only honest while nobody can
-- change a row in place; the database now makes sure nobody does.
CREATE FUNCTION reject_row_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% rows are append-only', TG_TABLE_NAME;
END $$;
CREATE TRIGGER evidence_append_only BEFORE UPDATE OR DELETE ON evidence
  FOR EACH ROW EXECUTE FUNCTION reject_row_change();
CREATE TRIGGER appeal_message_append_only BEFORE UPDATE OR DELETE ON appeal_message
  FOR EACH ROW EXECUTE FUNCTION reject_row_change();

-- Down Migration
DROP TRIGGER appeal_message_append_only ON appeal_message;
DROP TRIGGER evidence_append_only ON evidence;
DROP FUNCTION reject_row_change();
