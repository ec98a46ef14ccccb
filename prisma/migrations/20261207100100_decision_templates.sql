-- Up Migration
-- Saved texts for reviewers' decisions, managed by admins: one per outcome (approve,
-- decline, ask) and block reason (NULL: any reason). The decision form offers those that
-- fit the request; the reviewer edits the text before sending.
CREATE TABLE decision_template (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  title       text NOT NULL CHECK (char_length(title) BETWEEN 3 AND 80),
  decision    text NOT NULL CHECK (decision IN ('approve', 'deny', 'ask')),
  reason      block_reason,
  body        text NOT NULL CHECK (char_length(body) BETWEEN 10 AND 2000),
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX decision_template_title_key ON decision_template (lower(title));
CREATE INDEX decision_template_list_idx ON decision_template (decision, reason);

-- Down Migration
DROP TABLE decision_template;
