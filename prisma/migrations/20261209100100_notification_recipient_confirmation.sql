-- Up Migration
-- An address an account owner adds to the notifications is mailed nothing but one
-- confirmation link until the address itself confirms it (security probe finding: an owner
-- could point block notifications at anyone). The link is a one_time_link like a password
-- reset's (purpose EMAIL_CONFIRMATION, only its SHA-256 stored), held by the recipient
-- instead of a login: a link belongs to exactly one of the two, and a confirmation link to a
-- recipient only. Removing or unsubscribing an address deletes its links with it.
--
-- Addresses already on a list are marked confirmed (at the time they were added): they have
-- been getting notifications, each with a working unsubscribe link, and turning them off now
-- would silently stop mail their owners rely on. Only addresses added from now on wait.
ALTER TYPE one_time_purpose ADD VALUE 'EMAIL_CONFIRMATION';

ALTER TABLE notification_recipient
  ADD COLUMN confirmed_at         timestamptz,
  ADD COLUMN confirmation_sent_at timestamptz;
UPDATE notification_recipient SET confirmed_at = created_at;

ALTER TABLE one_time_link
  ALTER COLUMN user_id DROP NOT NULL,
  ADD COLUMN recipient_id uuid REFERENCES notification_recipient (id) ON DELETE CASCADE,
  ADD CONSTRAINT one_time_link_one_holder CHECK ((user_id IS NULL) <> (recipient_id IS NULL)),
  -- (The new enum value cannot be used as a value in the transaction that adds it: compared as text.)
  ADD CONSTRAINT one_time_link_confirmation_holder CHECK ((recipient_id IS NOT NULL) = (purpose::text = 'EMAIL_CONFIRMATION'));
CREATE INDEX one_time_link_recipient_idx ON one_time_link (recipient_id) WHERE used_at IS NULL;

-- Down Migration
-- The enum value stays (PostgreSQL cannot drop an enum value that rows may use).
DELETE FROM one_time_link WHERE recipient_id IS NOT NULL;
DROP INDEX one_time_link_recipient_idx;
ALTER TABLE one_time_link
  DROP CONSTRAINT one_time_link_confirmation_holder,
  DROP CONSTRAINT one_time_link_one_holder,
  DROP COLUMN recipient_id,
  ALTER COLUMN user_id SET NOT NULL;
ALTER TABLE notification_recipient
  DROP COLUMN confirmation_sent_at,
  DROP COLUMN confirmed_at;
