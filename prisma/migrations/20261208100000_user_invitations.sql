-- Up Migration
-- Admins invite staff, admins and account owners by email. An invited user exists from the
-- invitation on, without a password (password_hash NULL: no password signs them in), and
-- sets one through a one-time link (one_time_link, purpose INVITATION) mailed through the
-- outbox. invitation_accepted_at says when they did (or first signed in with single
-- sign-on); until then the console lists them as invited, with resend and revoke.
ALTER TABLE app_user
  ALTER COLUMN password_hash DROP NOT NULL,
  ADD COLUMN invited_at             timestamptz,
  ADD COLUMN invited_by_id          uuid REFERENCES app_user (id),
  ADD COLUMN invitation_accepted_at timestamptz,
  ADD CONSTRAINT app_user_invitation_whole CHECK (invitation_accepted_at IS NULL OR invited_at IS NOT NULL);

-- What admins do to logins, in the audit log beside sign-ins and claims.
ALTER TYPE staff_audit_action ADD VALUE 'USER_INVITED';
ALTER TYPE staff_audit_action ADD VALUE 'INVITATION_RESENT';
ALTER TYPE staff_audit_action ADD VALUE 'INVITATION_REVOKED';
ALTER TYPE staff_audit_action ADD VALUE 'INVITATION_ACCEPTED';
ALTER TYPE staff_audit_action ADD VALUE 'ROLE_CHANGED';
ALTER TYPE staff_audit_action ADD VALUE 'USER_DISABLED';
ALTER TYPE staff_audit_action ADD VALUE 'USER_ENABLED';

-- Down Migration
-- The audit actions stay (PostgreSQL cannot drop an enum value that rows may use).
ALTER TABLE app_user
  DROP CONSTRAINT app_user_invitation_whole,
  DROP COLUMN invitation_accepted_at,
  DROP COLUMN invited_by_id,
  DROP COLUMN invited_at;
UPDATE app_user SET password_hash = '!' WHERE password_hash IS NULL;
ALTER TABLE app_user ALTER COLUMN password_hash SET NOT NULL;
