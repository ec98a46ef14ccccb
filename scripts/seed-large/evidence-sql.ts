import { constant, json, jsonText, num, str, type JsonSql } from "./json-sql";

// SQL that turns just-inserted blocks into 1–3 evidence rows each, valid for
// lib/evidence's evidenceItemSchema. Every value is computed inside Postgres so a batch
// never round-trips its rows through Node.

/** SpamAssassin-style rules with their fixed scores; hits pick two or three of them. */
export const SPAM_RULES = [
  { rule: "BAYES_99", score: 3.5, description: "Bayes spam probability is 99 to 100%" },
  { rule: "URIBL_BLACK", score: 1.7, description: "Contains a URL listed in the URIBL blacklist" },
  { rule: "HTML_IMAGE_ONLY_24", score: 1.6, description: "HTML: images with 2000-2400 bytes of words" },
  { rule: "FREEMAIL_FORGED_REPLYTO", score: 2.1, description: "Freemail in Reply-To, but not From" },
  { rule: "MIME_HTML_ONLY", score: 0.7, description: "Message only has text/html MIME parts" },
  { rule: "RDNS_NONE", score: 1.3, description: "Delivered to internal network by a host with no rDNS" },
  { rule: "SUBJ_ALL_CAPS", score: 0.5, description: "Subject is all capitals" },
  { rule: "LOTS_OF_MONEY", score: 0.9, description: "Huge... sums of money" },
] as const;

// Per reason, the evidence kind of the 1st, 2nd and 3rd item: the primary signal first.
const KIND_ORDER = {
  SPAM: ["spam_rules", "complaint_rate", "send_rate"],
  ABUSE: ["complaint_rate", "spam_rules", "send_rate"],
  RATE: ["send_rate", "complaint_rate", "spam_rules"],
} as const;

/** A timestamptz as the JSON string the schema expects (ISO 8601 with a Z offset). */
const iso = (expr: string) => str(`to_char((${expr}) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`);

const sqlArray = (values: readonly string[]) => `ARRAY[${values.map((v) => `'${v}'`).join(", ")}]`;

/** The i-th of `steps` evenly spaced instants across the item's window. */
const pointAt = (i: number, steps: number) =>
  iso(`d.observed_from + (d.observed_to - d.observed_from) * ${i / (steps - 1)}`);

const item = (kind: string, fields: Record<string, JsonSql>): string =>
  jsonText({
    kind: constant(kind),
    window: { from: iso("d.observed_from"), to: iso("d.observed_to"), messages: num("d.messages") },
    ...fields,
  });

function complaintRate(): string {
  const points = [0, 1, 2, 3].map((i) => {
    // Rises across the 0.3 % threshold, as complaint-rate blocks do.
    const rate = `round(0.3 * (${0.35 + i * 0.4} + d.c * 0.5) * 1000) / 1000`;
    const delivered = `(d.messages / 4 + ${i} * (d.messages / 50))`;
    return {
      at: pointAt(i, 4),
      ratePercent: num(rate),
      delivered: num(delivered),
      complaints: num(`round(${delivered} * ${rate} / 100)`),
    };
  });
  return item("complaint_rate", { thresholdPercent: constant(0.3), points });
}

/** `rulesParam` holds SPAM_RULES as a text[] of JSON objects; a block hits two or three. */
function spamRules(rulesParam: string): string {
  const count = SPAM_RULES.length;
  const first = `floor(d.a * ${count})::int`;
  const second = `(${first} + 1 + floor(d.b * ${count - 1})::int) % ${count}`;
  const third = `(${first} + ${count - 1}) % ${count}`;
  const rule = (index: string) => `(${rulesParam})[1 + ${index}]`;
  const hits = `'[' || ${rule(first)} || ',' || ${rule(second)}
    || CASE WHEN d.c > 0.5 AND ${third} <> ${second} THEN ',' || ${rule(third)} ELSE '' END || ']'`;
  return item("spam_rules", { hits: json(hits) });
}

function sendRate(): string {
  const points = [0, 1, 2, 3, 4].map((i) => ({
    at: pointAt(i, 5),
    perMinute: num(`round(d.limit_per_minute * (${0.7 + i * 0.35} + d.c * 0.6))`),
  }));
  return item("send_rate", { limitPerMinute: num("d.limit_per_minute"), planName: str("d.plan_name"), points });
}

/**
 * CTEs `evidence_dice` and `evidence_rows`, reading the CTE `inserted` (block rows with id,
 * account_id, reason, created_at, secret_digest). `rulesParam` is the placeholder bound to
 * SPAM_RULES as a text[] of JSON objects, e.g. "$6::text[]"; `newId` the SQL for a row id.
 */
export function evidenceCtes(rulesParam: string, newId: string): string {
  return `
evidence_dice AS (
  -- random() here is evaluated per row and materialised, so each item's numbers are
  -- drawn once and can be reused (complaints = delivered × rate).
  SELECT b.id AS block_id, b.account_id, a.limit_per_minute, a.plan_name,
         CASE b.reason
           WHEN 'SPAM' THEN (${sqlArray(KIND_ORDER.SPAM)})[k]
           WHEN 'ABUSE' THEN (${sqlArray(KIND_ORDER.ABUSE)})[k]
           ELSE (${sqlArray(KIND_ORDER.RATE)})[k] END AS kind,
         b.created_at - (1 + floor(random() * 47)) * interval '1 hour' AS observed_from,
         b.created_at AS observed_to,
         (400 + floor(random() * 40000))::int AS messages,
         random() AS a, random() AS b, random() AS c, b.created_at
  FROM inserted b
  JOIN account a ON a.id = b.account_id
  -- The digest is 32 random bytes; one of them picks how many items (1–3) this block has.
  -- It must come from the outer row: an argument without one would be evaluated once.
  CROSS JOIN LATERAL generate_series(1, 1 + get_byte(b.secret_digest, 0) % 3) AS k
),
evidence_rows AS (
  INSERT INTO evidence (id, block_id, account_id, kind, observed_from, observed_to, data, created_at)
  SELECT ${newId}, d.block_id, d.account_id, d.kind::evidence_kind, d.observed_from, d.observed_to,
         (CASE d.kind
            WHEN 'spam_rules' THEN ${spamRules(rulesParam)}
            WHEN 'complaint_rate' THEN ${complaintRate()}
            ELSE ${sendRate()} END)::jsonb,
         d.created_at
  FROM evidence_dice d
  RETURNING 1
)`;
}
