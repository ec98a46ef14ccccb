-- Up Migration
-- Single sign-on (lib/auth/sign-in.ts): the provider's identity (its issuer and the `sub` it
-- gives the person) that first signed in to a login by its address. From then on only that
-- identity signs in to it: an address the provider later gives someone else (a leaver's,
-- recycled) no longer opens the login. Enabling a disabled login again clears it, so the
-- next single sign-on with the address links anew (lib/data/users/manage-users.ts).
ALTER TABLE app_user ADD COLUMN sso_issuer text, ADD COLUMN sso_subject text;
ALTER TABLE app_user ADD CONSTRAINT app_user_sso_identity_both CHECK ((sso_issuer IS NULL) = (sso_subject IS NULL));
CREATE UNIQUE INDEX app_user_sso_identity_idx ON app_user (sso_issuer, sso_subject) WHERE sso_subject IS NOT NULL;

-- Down Migration
DROP INDEX app_user_sso_identity_idx;
ALTER TABLE app_user DROP CONSTRAINT app_user_sso_identity_both;
ALTER TABLE app_user DROP COLUMN sso_subject, DROP COLUMN sso_issuer;
