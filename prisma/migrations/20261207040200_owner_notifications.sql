-- Up Migration
-- Account owners choose who hears about their blocks and which events (block created,
-- escalated, review decided, block lifted or expired). The worker turns new events into
-- mails (the notification cursor remembers the last event it looked at). A recipient's
-- unsubscribe token removes that one address from that one account's list, nothing else.
CREATE TABLE notification_recipient (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id        uuid NOT NULL REFERENCES account (id),
  email             text NOT NULL,
  events            text[] NOT NULL,
  unsubscribe_token text NOT NULL UNIQUE,
  created_at        timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX notification_recipient_account_email_idx ON notification_recipient (account_id, lower(email));

CREATE TABLE notification_cursor (
  name          text PRIMARY KEY,
  last_event_id bigint NOT NULL
);

-- Down Migration
DROP TABLE notification_cursor;
DROP TABLE notification_recipient;
