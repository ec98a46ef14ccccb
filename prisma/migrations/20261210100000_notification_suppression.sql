-- Up Migration
-- An address that unsubscribes stays unsubscribed (security probe finding: unsubscribing only
-- deleted the address from the list, so the owner could add it again, and every add mailed it
-- a new confirmation). Unsubscribing now moves the address from notification_recipient to
-- notification_suppression, one row per account and address, compared ignoring case as the
-- list compares them. The owner cannot add a suppressed address; only the address's own
-- unsubscribe link (the token it kept) lifts it, restoring the address with the events it had.
CREATE TABLE notification_suppression (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id        uuid NOT NULL REFERENCES account (id),
  email             text NOT NULL,
  events            text[] NOT NULL,
  unsubscribe_token text NOT NULL UNIQUE,
  unsubscribed_at   timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX notification_suppression_account_email_idx ON notification_suppression (account_id, lower(email));

-- Down Migration
DROP TABLE notification_suppression;
