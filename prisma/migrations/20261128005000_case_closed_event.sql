-- Up Migration
-- Compliance staff close a "Report message" case once it is dealt with; the block's
-- timeline records it like every other change.
ALTER TYPE event_type ADD VALUE IF NOT EXISTS 'CASE_CLOSED' AFTER 'CASE_MESSAGE_ADDED';

-- Down Migration
-- Postgres cannot remove a value from an enum type; an unused CASE_CLOSED is harmless.
SELECT 1;
