import { evidenceCtes } from "./evidence-sql";

// One statement per batch: generate_series draws the blocks, data-modifying CTEs insert
// them and then their evidence and events from the RETURNING rows. Set-based and a single
// round trip, so a batch costs Postgres time only.
//
// Parameters: $1 block count, $2 smtp_user ids, $3 their account ids, $4 their mail
// domains (parallel arrays), $5 a tag unique to this batch, $6 SPAM_RULES (a text[] of
// JSON objects), $7..$9 the SMTP reply for SPAM, ABUSE and RATE, $10 and $11 the start
// and width (fractions of the year, 0–1) of the slice of history this batch falls into.
//
// Why slices and ordering: a random index key sends each insert to a different B-tree
// page, and past a few hundred thousand rows those pages no longer fit in shared_buffers,
// so inserting turns into reading and writing pages. Batches that each cover one stretch
// of time keep the created_at indexes on a few hot pages; time-ordered ids (uuidv7)
// append to the primary keys and the block_id indexes of evidence and event; and
// inserting a batch sorted by public_id walks that unique index in order. Only the
// secret digest (random by nature) and (smtp_user_id, created_at) stay scattered.

/** Shares of each status: most blocks are history, a few are still open. */
export const STATUS_SHARES = { ACTIVE: 0.03, UNDER_REVIEW: 0.01, EXPIRED: 0.58, LIFTED: 0.38 } as const;

const OPEN_BELOW = STATUS_SHARES.ACTIVE + STATUS_SHARES.UNDER_REVIEW;
const EXPIRED_BELOW = OPEN_BELOW + STATUS_SHARES.EXPIRED;

const LIFT_REASONS = [
  "List cleaned and double opt-in added; complaint rate back under 0.1 %.",
  "Compromised password reset and the sending script removed.",
  "Campaign paused and throttled to the plan limit.",
  "False positive: transactional mail confirmed by the account owner.",
];

/** Rounds a double to one decimal without a detour through numeric (which goes via sprintf). */
const tenths = (expr: string) => `round((${expr}) * 10) / 10`;

const liftReasons = `ARRAY[${LIFT_REASONS.map((r) => `'${r.replace(/'/g, "''")}'`).join(", ")}]`;

const blocks = (newId: string) => `
targets AS (
  SELECT * FROM unnest($2::uuid[], $3::uuid[], $4::text[]) WITH ORDINALITY AS t(smtp_user_id, account_id, domain, n)
),
dice AS (
  -- Volatile, so materialised: each block's draws are made once and reused below.
  SELECT g, 1 + floor(random() * cardinality($2::uuid[]))::int AS target_n,
         random() AS r_status, random() AS r_reason, random() AS r_age, random() AS r_length,
         random() AS r_score, random() AS r_sender
  FROM generate_series(1, $1::int) AS g
),
drawn AS (
  SELECT d.*, t.smtp_user_id, t.account_id, t.domain,
         CASE WHEN d.r_status < ${STATUS_SHARES.ACTIVE} THEN 'ACTIVE'
              WHEN d.r_status < ${OPEN_BELOW} THEN 'UNDER_REVIEW'
              WHEN d.r_status < ${EXPIRED_BELOW} THEN 'EXPIRED'
              ELSE 'LIFTED' END::block_status AS status,
         CASE WHEN d.r_reason < 0.55 THEN 'SPAM' WHEN d.r_reason < 0.8 THEN 'ABUSE' ELSE 'RATE' END::block_reason AS reason,
         -- Open blocks are recent; history spans the year and ended before now.
         CASE WHEN d.r_status < ${OPEN_BELOW} THEN now() - d.r_age * interval '14 days'
              ELSE now() - interval '365 days' + ($10::float8 + d.r_age * $11::float8) * interval '361 days' END AS created,
         interval '1 hour' + d.r_length * interval '71 hours' AS duration,
         1 + floor(power(d.r_score, 4) * 4)::int AS level,
         70 + d.r_score * 30 AS primary_score,
         -- 80 bits of a hash of (random per-batch tag, row number): inputs never repeat, so a
         -- clash is as unlikely as between random ids, and insertBatch retries if one happens.
         left(md5($5 || ':' || d.g), 20) AS public_id
  FROM dice d JOIN targets t ON t.n = d.target_n
),
inserted AS (
  INSERT INTO block (id, public_id, secret_digest, account_id, smtp_user_id, sender_address, reason,
    spam_score, abuse_score, rate_score, combined_score, threshold, status, escalation_level,
    attempt_count, expires_at, smtp_reply, lift_reason, ended_at, created_at, updated_at)
  SELECT ${newId}, public_id,
         -- What the relay stores is sha256(secret); here the secret is a random uuid nobody keeps.
         sha256(uuid_send(gen_random_uuid())),
         account_id, smtp_user_id,
         -- At most one open block per sender (block_one_open_per_target): open blocks get an
         -- address unique to this batch; history reuses a few role addresses or none.
         CASE WHEN status IN ('ACTIVE', 'UNDER_REVIEW') THEN 'hold-' || $5 || '-' || g || '@' || domain
              WHEN r_sender < 0.4 THEN NULL
              ELSE (ARRAY['news', 'promo', 'billing', 'alerts', 'noreply'])[1 + floor(r_length * 5)::int % 5] || '@' || domain END,
         reason,
         ${tenths("CASE WHEN reason = 'SPAM' THEN primary_score ELSE r_sender * 60 END")},
         ${tenths("CASE WHEN reason = 'ABUSE' THEN primary_score ELSE r_length * 55 END")},
         ${tenths("CASE WHEN reason = 'RATE' THEN primary_score ELSE r_age * 40 END")},
         ${tenths("least(100, primary_score + r_sender * 8)")}, 70,
         status, level, (level - 1) * 25 + floor(r_length * 25)::int,
         CASE WHEN status = 'EXPIRED' THEN created + duration
              WHEN status = 'ACTIVE' AND reason = 'RATE' THEN now() + r_length * interval '24 hours' END,
         CASE reason WHEN 'SPAM' THEN $7 WHEN 'ABUSE' THEN $8 ELSE $9 END,
         CASE WHEN status = 'LIFTED' THEN (${liftReasons})[1 + floor(r_sender * 4)::int % 4] END,
         CASE WHEN status IN ('LIFTED', 'EXPIRED') THEN created + duration END,
         created, CASE WHEN status IN ('LIFTED', 'EXPIRED') THEN created + duration ELSE created END
  FROM drawn ORDER BY drawn.public_id
  RETURNING id, account_id, reason, status, escalation_level, attempt_count, lift_reason,
            secret_digest, created_at, ended_at
)`;

const EVENTS = `
event_rows AS (
  INSERT INTO event (block_id, account_id, type, actor_type, data, created_at)
  SELECT id, account_id, 'CREATED'::event_type, 'RELAY'::actor_type, jsonb_build_object('reason', reason, 'level', 1), created_at
  FROM inserted
  UNION ALL
  SELECT id, account_id, 'ESCALATED'::event_type, 'RELAY'::actor_type, jsonb_build_object('level', escalation_level, 'attempts', attempt_count),
         created_at + (coalesce(ended_at, now()) - created_at) / 2
  FROM inserted WHERE escalation_level > 1
  UNION ALL
  SELECT id, account_id, status::text::event_type, CASE status WHEN 'LIFTED' THEN 'STAFF' ELSE 'SYSTEM' END::actor_type,
         CASE status WHEN 'LIFTED' THEN jsonb_build_object('reason', lift_reason) ELSE '{}'::jsonb END, ended_at
  FROM inserted WHERE ended_at IS NOT NULL
  RETURNING 1
)`;

/**
 * The batch statement; returns one row with the blocks, evidence and events it added.
 * `newId` is the SQL that makes a row id: uuidv7() where the server has it (Postgres 18+),
 * since its ids grow with time and so append to the primary-key index.
 */
export const batchSql = (newId: string) => `
WITH ${blocks(newId)},
${evidenceCtes("$6::text[]", newId)},
${EVENTS}
SELECT (SELECT count(*) FROM inserted)::int AS blocks,
       (SELECT count(*) FROM evidence_rows)::int AS evidence,
       (SELECT count(*) FROM event_rows)::int AS events`;
