-- Up Migration
-- The history filtered by status, in keyset order. Without it the first page of, say, the
-- expired blocks walked the account's keyset index from the newest block and skipped every
-- open one on the way (bench:history: at a million blocks, the 40,000 open ones are the
-- newest, and that page cost the database 34 ms against 3 ms at ten thousand).
CREATE INDEX block_account_status_keyset_idx ON block (account_id, status, created_at DESC, id DESC);

-- Down Migration
DROP INDEX block_account_status_keyset_idx;
