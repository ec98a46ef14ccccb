-- Up Migration
-- The server can give a block's current report link again (the relay's status check, the
-- Postfix policy service), so the relay no longer has to keep every link itself. The
-- secret is kept sealed (AES-256-GCM) under REPORT_LINK_KEY, a key that lives outside the
-- database: a dump alone still opens no report. Lookups still go by secret_digest.
-- Blocks created before this migration have no sealed secret: their links keep working by
-- digest, but the server cannot say them again (docs/report-links.md).
ALTER TABLE block ADD COLUMN secret_sealed bytea
  CHECK (secret_sealed IS NULL OR octet_length(secret_sealed) BETWEEN 30 AND 300);

-- The policy service matches a client that did not authenticate (no SMTP login) by its
-- envelope sender alone: the open blocks of that address.
CREATE INDEX block_open_sender_idx ON block (lower(sender_address))
  WHERE status IN ('ACTIVE', 'UNDER_REVIEW') AND sender_address IS NOT NULL;

-- Down Migration
DROP INDEX block_open_sender_idx;
ALTER TABLE block DROP COLUMN secret_sealed;
