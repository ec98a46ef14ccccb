-- Up Migration
-- The whole data model of DESIGN.md. Invariants that must never break live here, in the
-- database, so they hold for every app instance and every code path.

CREATE TYPE block_reason AS ENUM ('SPAM', 'ABUSE', 'RATE');
CREATE TYPE block_status AS ENUM ('ACTIVE', 'UNDER_REVIEW', 'LIFTED', 'EXPIRED');
CREATE TYPE appeal_status AS ENUM ('OPEN', 'NEEDS_INFO', 'APPROVED', 'DENIED');
CREATE TYPE case_status AS ENUM ('OPEN', 'CLOSED');
CREATE TYPE user_role AS ENUM ('STAFF', 'ADMIN', 'OWNER');
CREATE TYPE actor_type AS ENUM ('SYSTEM', 'RELAY', 'SENDER', 'STAFF', 'OWNER');
CREATE TYPE event_type AS ENUM (
  'CREATED', 'EVIDENCE_ADDED', 'ESCALATED', 'APPEAL_SUBMITTED', 'APPEAL_INFO_REQUESTED',
  'APPEAL_REPLIED', 'APPEAL_DECIDED', 'CASE_OPENED', 'CASE_MESSAGE_ADDED', 'LIFTED',
  'EXPIRED', 'LINK_ROTATED'
);
CREATE TYPE evidence_kind AS ENUM (
  'spam_rules', 'suspicious_links', 'header_problems', 'message_samples', 'complaint_rate',
  'list_quality', 'list_bombing', 'evasion', 'send_rate'
);

CREATE TABLE account (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name             text NOT NULL,
  plan_name        text NOT NULL,
  limit_per_minute integer NOT NULL CHECK (limit_per_minute > 0),
  created_at       timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE smtp_user (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id  uuid NOT NULL REFERENCES account (id),
  username    text NOT NULL CHECK (length(username) BETWEEN 1 AND 200),
  external_id text,
  created_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (account_id, username),
  UNIQUE (account_id, external_id)
);

CREATE TABLE block (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- The public id is in every bounce; the secret is a capability and is stored only as
  -- its SHA-256 digest, so a database leak does not leak working links.
  public_id        char(20) NOT NULL UNIQUE CHECK (public_id ~ '^[0-9a-f]{20}$'),
  secret_digest    bytea NOT NULL UNIQUE CHECK (octet_length(secret_digest) = 32),
  account_id       uuid NOT NULL REFERENCES account (id),
  smtp_user_id     uuid NOT NULL REFERENCES smtp_user (id),
  sender_address   text CHECK (sender_address IS NULL OR length(sender_address) BETWEEN 3 AND 320),
  reason           block_reason NOT NULL,
  spam_score       double precision NOT NULL CHECK (spam_score BETWEEN 0 AND 100),
  abuse_score      double precision NOT NULL CHECK (abuse_score BETWEEN 0 AND 100),
  rate_score       double precision NOT NULL CHECK (rate_score BETWEEN 0 AND 100),
  combined_score   double precision NOT NULL CHECK (combined_score BETWEEN 0 AND 100),
  threshold        double precision NOT NULL CHECK (threshold BETWEEN 0 AND 100),
  status           block_status NOT NULL DEFAULT 'ACTIVE',
  escalation_level integer NOT NULL DEFAULT 1 CHECK (escalation_level BETWEEN 1 AND 10),
  attempt_count    integer NOT NULL DEFAULT 0 CHECK (attempt_count >= 0),
  expires_at       timestamptz,
  smtp_reply       text NOT NULL,
  lift_reason      text,
  ended_at         timestamptz,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  CHECK ((status IN ('LIFTED', 'EXPIRED')) = (ended_at IS NOT NULL))
);
CREATE INDEX block_account_created_idx ON block (account_id, created_at DESC);
CREATE INDEX block_smtp_user_created_idx ON block (smtp_user_id, created_at DESC);
CREATE INDEX block_status_created_idx ON block (status, created_at);
CREATE INDEX block_expiry_idx ON block (expires_at) WHERE status IN ('ACTIVE', 'UNDER_REVIEW');
-- One report per blocked sender: a second detection adds evidence to the open block.
CREATE UNIQUE INDEX block_one_open_per_target
  ON block (smtp_user_id, coalesce(lower(sender_address), ''))
  WHERE status IN ('ACTIVE', 'UNDER_REVIEW');

-- Digests of secrets that were rotated away: a link that once worked gets 410, not 404.
CREATE TABLE retired_secret (
  secret_digest bytea PRIMARY KEY CHECK (octet_length(secret_digest) = 32),
  block_id      uuid NOT NULL REFERENCES block (id),
  account_id    uuid NOT NULL REFERENCES account (id),
  retired_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE evidence (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  block_id      uuid NOT NULL REFERENCES block (id),
  account_id    uuid NOT NULL REFERENCES account (id),
  kind          evidence_kind NOT NULL,
  observed_from timestamptz NOT NULL,
  observed_to   timestamptz NOT NULL,
  data          jsonb NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  CHECK (observed_to >= observed_from),
  CHECK (data ->> 'kind' = kind::text)
);
CREATE INDEX evidence_block_idx ON evidence (block_id, created_at);

CREATE TABLE app_user (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  email         text NOT NULL,
  name          text NOT NULL,
  password_hash text NOT NULL,
  role          user_role NOT NULL,
  account_id    uuid REFERENCES account (id),
  created_at    timestamptz NOT NULL DEFAULT now(),
  -- Owners see exactly one account; staff see none through this column.
  CHECK ((role = 'OWNER') = (account_id IS NOT NULL))
);
CREATE UNIQUE INDEX app_user_email_idx ON app_user (lower(email));

CREATE TABLE appeal (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  reference       text NOT NULL UNIQUE,
  block_id        uuid NOT NULL REFERENCES block (id),
  account_id      uuid NOT NULL REFERENCES account (id),
  contact_email   text NOT NULL,
  explanation     text NOT NULL CHECK (length(explanation) BETWEEN 20 AND 4000),
  answers         jsonb NOT NULL DEFAULT '{}'::jsonb,
  traffic_stopped boolean NOT NULL CHECK (traffic_stopped),
  status          appeal_status NOT NULL DEFAULT 'OPEN',
  info_request    text,
  decision_reason text,
  decided_by_id   uuid REFERENCES app_user (id),
  decided_at      timestamptz,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  -- A decision always has a written reason and a deciding staff member.
  CHECK ((status IN ('APPROVED', 'DENIED')) =
         (decision_reason IS NOT NULL AND decided_by_id IS NOT NULL AND decided_at IS NOT NULL))
);
CREATE UNIQUE INDEX appeal_one_open_per_block ON appeal (block_id) WHERE status IN ('OPEN', 'NEEDS_INFO');
CREATE INDEX appeal_queue_idx ON appeal (status, created_at);
CREATE INDEX appeal_block_idx ON appeal (block_id, created_at);

CREATE TABLE appeal_message (
  id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  appeal_id  uuid NOT NULL REFERENCES appeal (id),
  account_id uuid NOT NULL REFERENCES account (id),
  author     actor_type NOT NULL,
  body       text NOT NULL CHECK (length(body) BETWEEN 1 AND 4000),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX appeal_message_appeal_idx ON appeal_message (appeal_id, created_at);

CREATE TABLE compliance_case (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  reference     text NOT NULL UNIQUE,
  block_id      uuid NOT NULL REFERENCES block (id),
  account_id    uuid NOT NULL REFERENCES account (id),
  status        case_status NOT NULL DEFAULT 'OPEN',
  bundle        jsonb NOT NULL,
  bundle_digest char(64) NOT NULL CHECK (bundle_digest ~ '^[0-9a-f]{64}$'),
  created_at    timestamptz NOT NULL DEFAULT now(),
  closed_at     timestamptz
);
CREATE UNIQUE INDEX compliance_case_one_open_per_block ON compliance_case (block_id) WHERE status = 'OPEN';
CREATE INDEX compliance_case_queue_idx ON compliance_case (status, created_at);

CREATE TABLE case_message (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id       uuid NOT NULL REFERENCES compliance_case (id),
  account_id    uuid NOT NULL REFERENCES account (id),
  note          text CHECK (note IS NULL OR length(note) <= 4000),
  contact_email text,
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX case_message_case_idx ON case_message (case_id, created_at);

CREATE TABLE event (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  block_id   uuid NOT NULL REFERENCES block (id),
  account_id uuid NOT NULL REFERENCES account (id),
  type       event_type NOT NULL,
  actor_type actor_type NOT NULL,
  actor_id   text,
  data       jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX event_block_idx ON event (block_id, created_at);
CREATE INDEX event_account_idx ON event (account_id, created_at DESC);

-- The timeline is an audit trail: rows are only ever added.
CREATE FUNCTION event_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'event rows are append-only';
END $$;
CREATE TRIGGER event_append_only BEFORE UPDATE OR DELETE ON event
  FOR EACH ROW EXECUTE FUNCTION event_is_append_only();

CREATE TABLE api_key (
  id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name       text NOT NULL,
  prefix     text NOT NULL,
  key_digest bytea NOT NULL UNIQUE CHECK (octet_length(key_digest) = 32),
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz
);

CREATE TABLE webhook_endpoint (
  id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id uuid REFERENCES account (id),
  url        text NOT NULL,
  -- Needed in clear to sign deliveries (HMAC), so it cannot be stored as a digest.
  secret     text NOT NULL,
  events     text[] NOT NULL,
  active     boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE webhook_delivery (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  endpoint_id   uuid NOT NULL REFERENCES webhook_endpoint (id),
  event_type    text NOT NULL,
  payload       jsonb NOT NULL,
  attempt       integer NOT NULL,
  response_code integer,
  error         text,
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX webhook_delivery_endpoint_idx ON webhook_delivery (endpoint_id, created_at DESC);

-- Transactional outbox: a notification is written in the same transaction as the change
-- it announces, and a dispatcher hands it to the job queue. Nothing is lost between them.
CREATE TABLE outbox_message (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  topic         text NOT NULL,
  payload       jsonb NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  dispatched_at timestamptz
);
CREATE INDEX outbox_message_pending_idx ON outbox_message (id) WHERE dispatched_at IS NULL;

-- Fixed-window counters shared by all app instances.
CREATE TABLE rate_limit (
  key          text PRIMARY KEY,
  window_start timestamptz NOT NULL,
  count        integer NOT NULL
);

CREATE TABLE idempotency_record (
  api_key_id     uuid NOT NULL REFERENCES api_key (id),
  key            text NOT NULL,
  request_digest char(64) NOT NULL,
  status_code    integer NOT NULL,
  response       jsonb NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (api_key_id, key)
);

-- Down Migration
DROP TABLE idempotency_record, rate_limit, outbox_message, webhook_delivery, webhook_endpoint,
  api_key, event, case_message, compliance_case, appeal_message, appeal, app_user, evidence,
  retired_secret, block, smtp_user, account;
DROP FUNCTION event_is_append_only();
DROP TYPE evidence_kind, event_type, actor_type, user_role, case_status, appeal_status,
  block_status, block_reason;
