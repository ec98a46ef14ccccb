/** The app's client at the test OpenID provider (tests/support/oidc-provider.ts); the e2e app is configured with it. */
export const TEST_OIDC_CLIENT = { clientId: "block-reports-test", clientSecret: "a test client secret for sso" };
