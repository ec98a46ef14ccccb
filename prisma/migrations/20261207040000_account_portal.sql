-- Up Migration
-- The account owner portal (/account) reads one account's blocks in many ways; every
-- query starts from account_id.

-- History pages walk (created_at, id) in either direction; the included columns let the
-- weekly chart and the filters by status, reason and SMTP user read the index alone.
CREATE INDEX block_account_keyset_idx ON block (account_id, created_at DESC, id DESC) INCLUDE (reason, status, smtp_user_id);
-- The history filtered by one SMTP user or one sender address, in keyset order.
CREATE INDEX block_account_smtp_user_keyset_idx ON block (account_id, smtp_user_id, created_at DESC, id DESC);
CREATE INDEX block_account_sender_keyset_idx ON block (account_id, sender_address, created_at DESC, id DESC) WHERE sender_address IS NOT NULL;
-- The overview's few sender addresses per SMTP user: skipped through, one probe each.
CREATE INDEX block_account_smtp_user_sender_idx ON block (account_id, smtp_user_id, sender_address) WHERE sender_address IS NOT NULL;
-- "Blocked now" per SMTP user on the overview: only the open blocks, a few per cent of all.
CREATE INDEX block_account_open_idx ON block (account_id, smtp_user_id, created_at DESC) WHERE status IN ('ACTIVE', 'UNDER_REVIEW');
-- The old (account_id, created_at) index is a prefix of the keyset index.
DROP INDEX block_account_created_idx;

-- Down Migration
CREATE INDEX block_account_created_idx ON block (account_id, created_at DESC);
DROP INDEX block_account_open_idx;
DROP INDEX block_account_smtp_user_sender_idx;
DROP INDEX block_account_sender_keyset_idx;
DROP INDEX block_account_smtp_user_keyset_idx;
DROP INDEX block_account_keyset_idx;
