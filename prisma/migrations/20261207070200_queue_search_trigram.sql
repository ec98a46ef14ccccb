-- Up Migration
-- The review queue's search matches part of a sender address, SMTP user or account name
-- (ILIKE '%…%'). Without an index that is a scan of every block; trigram indexes answer it
-- from the index for any search of three characters or more. pg_trgm ships with
-- PostgreSQL and is a trusted extension (the database owner may create it).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX block_sender_address_trgm_idx ON block USING gin (sender_address gin_trgm_ops);
CREATE INDEX smtp_user_username_trgm_idx ON smtp_user USING gin (username gin_trgm_ops);
CREATE INDEX account_name_trgm_idx ON account USING gin (name gin_trgm_ops);

-- Down Migration
DROP INDEX account_name_trgm_idx;
DROP INDEX smtp_user_username_trgm_idx;
DROP INDEX block_sender_address_trgm_idx;
