-- Up Migration
-- Device cookies (lib/auth/device-cookie.ts): a browser that signed in to a login carries a
-- cookie naming it, HMAC'd under NEXTAUTH_SECRET together with this number. Its failed
-- sign-ins count against that cookie alone, so the login's own lockout (10 attempts in 15
-- minutes from anywhere) never shuts out a browser its user signed in from before. Setting a
-- password by any path, and disabling the login, add one: every device cookie issued before
-- stops counting as this login's (lib/data/users/sessions.ts). Nothing else is stored per
-- device.
ALTER TABLE app_user ADD COLUMN device_version integer NOT NULL DEFAULT 0;

-- Down Migration
ALTER TABLE app_user DROP COLUMN device_version;
