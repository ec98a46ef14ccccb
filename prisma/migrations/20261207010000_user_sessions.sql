-- Up Migration
-- Ending a user's sessions at once. Every session token carries the user's session version
-- from the moment it was issued and is accepted only while the row still has that version:
-- sign-out, a password change and disabling the user add one, which ends every session of
-- theirs on its next request. A disabled user cannot sign in and no session of theirs is
-- accepted; the row stays, because decisions and events name it.
ALTER TABLE app_user
  ADD COLUMN session_version integer NOT NULL DEFAULT 0 CHECK (session_version >= 0),
  ADD COLUMN disabled_at timestamptz;

-- Down Migration
ALTER TABLE app_user DROP COLUMN disabled_at, DROP COLUMN session_version;
