-- Up Migration
-- One-time links mailed to a user: a forgotten password's reset today, an invitation to
-- the staff console later (the purpose says which). Only the token's SHA-256 is stored;
-- a link works once (used_at) and only until it expires.
CREATE TYPE one_time_purpose AS ENUM ('PASSWORD_RESET', 'INVITATION');

CREATE TABLE one_time_link (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  purpose      one_time_purpose NOT NULL,
  user_id      uuid NOT NULL REFERENCES app_user (id),
  token_digest bytea NOT NULL UNIQUE,
  expires_at   timestamptz NOT NULL,
  used_at      timestamptz,
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX one_time_link_user_idx ON one_time_link (user_id, purpose) WHERE used_at IS NULL;

-- Down Migration
DROP TABLE one_time_link;
DROP TYPE one_time_purpose;
