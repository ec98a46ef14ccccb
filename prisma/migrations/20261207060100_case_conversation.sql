-- Up Migration
-- A case is a conversation: compliance staff reply to the sender (mailed to the sender's
-- contact address and shown on the report) and keep internal notes the sender never sees.
-- Existing messages are the sender's.
ALTER TABLE case_message
  ADD COLUMN author actor_type NOT NULL DEFAULT 'SENDER',
  ADD COLUMN author_id uuid REFERENCES app_user (id),
  ADD COLUMN internal boolean NOT NULL DEFAULT false,
  ADD CONSTRAINT case_message_author_check CHECK (author IN ('SENDER', 'STAFF')),
  ADD CONSTRAINT case_message_staff_check CHECK ((author = 'STAFF') = (author_id IS NOT NULL)),
  ADD CONSTRAINT case_message_internal_check CHECK (NOT internal OR author = 'STAFF'),
  ADD CONSTRAINT case_message_staff_text_check CHECK (author = 'SENDER' OR length(note) BETWEEN 1 AND 4000);

ALTER TYPE event_type ADD VALUE IF NOT EXISTS 'CASE_REPLIED' AFTER 'CASE_MESSAGE_ADDED';

-- The report shows every case of a block as one conversation, open or closed.
CREATE INDEX compliance_case_block_idx ON compliance_case (block_id, created_at);

-- Down Migration
-- Postgres cannot remove a value from an enum type; an unused CASE_REPLIED is harmless.
DROP INDEX compliance_case_block_idx;
ALTER TABLE case_message DROP COLUMN internal, DROP COLUMN author_id, DROP COLUMN author;
