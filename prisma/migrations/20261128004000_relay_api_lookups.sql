-- Up Migration
-- The relay asks "is this sender blocked?" before accepting each message, by the SMTP
-- login it authenticated (or its own id for the user). The unique indexes on smtp_user lead
-- with account_id, so these lookups need their own.
CREATE INDEX smtp_user_username_idx ON smtp_user (username);
CREATE INDEX smtp_user_external_id_idx ON smtp_user (external_id) WHERE external_id IS NOT NULL;

-- Down Migration
DROP INDEX smtp_user_external_id_idx;
DROP INDEX smtp_user_username_idx;
