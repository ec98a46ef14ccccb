import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { inject } from "vitest";
import { chromiumAvailable, launchBrowser, openPage } from "../../support/browser";
import { startOidcProvider, type TestProvider } from "../../support/oidc-provider";
import { completeSignIn } from "../../support/sign-in";
import { createLogin, createOwnedAccount } from "../account/account-support";
import { freshClientHeader } from "../sender-actions/app-data";

/*
 * Single sign-on in Chromium: the e2e app is configured with OIDC_ISSUER on a loopback port
 * (tests/support/global-app.ts); this file starts a real OpenID provider there
 * (oidc-provider, in this process) with test accounts, and signs in through its
 * development login form.
 */

let provider: TestProvider;
let browser: Browser;
let staffEmail: string;
let ownerEmail: string;

async function appDb() {
  process.env.DATABASE_URL = inject("appDatabaseUrl");
  return (await import("@/lib/db/client")).getDb();
}

/** At the provider: sign in as `login` (any password), and consent if asked. */
async function signInAtProvider(page: Page, login: string) {
  await page.waitForURL((url) => url.port === String(inject("oidcIssuerPort")));
  await page.locator("input[name=login]").fill(login);
  await page.locator("input[name=password]").fill("whatever the provider takes");
  await page.getByRole("button", { name: "Sign-in" }).click();
  const consent = page.getByRole("button", { name: "Continue" });
  await page.waitForURL((url) => url.port !== String(inject("oidcIssuerPort")) || url.pathname.includes("interaction"));
  if (await consent.count()) await consent.click();
}

describe.runIf(chromiumAvailable())("single sign-on in Chromium", () => {
  beforeAll(async () => {
    staffEmail = (await createLogin("STAFF")).email;
    ownerEmail = (await createOwnedAccount()).owner.email;
    provider = await startOidcProvider({
      port: inject("oidcIssuerPort"),
      redirectUri: `${inject("baseUrl")}/sign-in/sso/callback`,
      accounts: {
        staff: { email: staffEmail, email_verified: true },
        owner: { email: ownerEmail, email_verified: true },
        unverified: { email: staffEmail, email_verified: false },
      },
    });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await provider?.close();
  });

  it("clicks single sign-on, signs in at the provider, lands on the console page asked for, with a real session", async () => {
    const page = await openPage(browser, { extraHTTPHeaders: freshClientHeader() });
    await page.goto("/staff/metrics");
    expect(new URL(page.url()).pathname).toBe("/sign-in");
    await page.getByRole("link", { name: "Sign in with single sign-on" }).click();
    await signInAtProvider(page, "staff");
    await page.waitForURL((url) => url.pathname === "/staff/metrics");
    await page.getByRole("heading", { name: "Metrics" }).waitFor();
    // The same session as a password's: the flow cookie is gone, and disabling the user ends it at once.
    const cookies = await page.context().cookies();
    expect(cookies.map((cookie) => cookie.name)).toContain("next-auth.session-token");
    expect(cookies.map((cookie) => cookie.name)).not.toContain("block-reports.sso-flow");
    const db = await appDb();
    await db.user.updateMany({
      where: { email: staffEmail },
      data: { disabledAt: new Date(), sessionVersion: { increment: 1 } },
    });
    expect((await page.context().request.get("/staff", { maxRedirects: 0 })).status()).toBe(307);
    await db.user.updateMany({ where: { email: staffEmail }, data: { disabledAt: null } });
    await page.context().close();
  });

  it("without JavaScript: an owner and an unverified address are sent back to sign-in with a clear message", async () => {
    for (const [login, message] of [
      ["owner", "Single sign-on is for the compliance team."],
      ["unverified", "Your identity provider has not verified your email address"],
    ] as const) {
      const page = await openPage(browser, { javaScriptEnabled: false, extraHTTPHeaders: freshClientHeader() });
      await page.goto("/sign-in");
      await page.getByRole("link", { name: "Sign in with single sign-on" }).click();
      await signInAtProvider(page, login);
      await page.waitForURL((url) => url.pathname === "/sign-in" && url.searchParams.has("sso"));
      await page.getByText(message).waitFor();
      expect((await page.context().request.get("/staff", { maxRedirects: 0 })).status(), login).toBe(307);
      await page.context().close();
    }
  });

  it("a callback that did not start here is refused, and nothing under /api/auth opened", async () => {
    const page = await openPage(browser, { extraHTTPHeaders: freshClientHeader() });
    const response = await page.goto("/sign-in/sso/callback?code=forged&state=forged");
    expect(new URL(page.url()).searchParams.get("sso")).toBe("failed");
    expect(response?.status()).toBe(200);
    await page.getByText("Single sign-on did not complete").waitFor();
    for (const path of ["/api/auth/signin/oidc", "/api/auth/callback/oidc", "/api/auth/providers"])
      expect((await page.context().request.get(path, { maxRedirects: 0 })).status(), path).toBe(404);
    await page.context().close();
  });

  it("a page on another site cannot use up the sign-in attempts of everyone behind an address through the callback", async () => {
    // Images on a page elsewhere make the browser request the callback: more than the
    // per-client limit (30) of them, without the flow cookie only /sign-in/sso sets.
    const page = await openPage(browser, { extraHTTPHeaders: freshClientHeader() });
    const images = Array.from({ length: 35 }, (_, i) => `<img src="${inject("baseUrl")}/sign-in/sso/callback?i=${i}">`);
    await page.setContent(`<!doctype html><title>elsewhere</title>${images.join("")}`);
    await page.waitForFunction(() => [...document.images].every((image) => image.complete), undefined, {
      timeout: 30_000,
    });
    // Someone behind the same address then signs in with a password, from a browser with no device cookie.
    await page.goto("/sign-in");
    await completeSignIn(page, staffEmail);
    expect(new URL(page.url()).pathname).toBe("/staff");
    await page.context().close();
  });
});
