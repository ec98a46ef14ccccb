-- Up Migration
-- A case is now a conversation the sender reads on the report. Like the messages of a review
-- request, its messages are only ever added: the report's version counts them rather than
-- hashing them (report-version.ts), which is only honest while no row changes in place.
CREATE TRIGGER case_message_append_only BEFORE UPDATE OR DELETE ON case_message
  FOR EACH ROW EXECUTE FUNCTION reject_row_change();

-- Down Migration
DROP TRIGGER case_message_append_only ON case_message;
