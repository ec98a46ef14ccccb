import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { inject } from "vitest";
import { chromiumAvailable, launchBrowser, openPage } from "../../support/browser";
import bcrypt from "bcryptjs";
import { signedInPage } from "../../support/sign-in";
import { freshClientHeader } from "../sender-actions/app-data";
import { createLogin, createOwnedAccount, PASSWORD, signedInContext } from "./account-support";

const NEW = "correct horse battery staple";

async function mailedToken(email: string): Promise<string> {
  process.env.DATABASE_URL = inject("appDatabaseUrl");
  const { getDb } = await import("@/lib/db/client");
  // What the worker does with the request (no worker runs beside the e2e app).
  const { issueQueuedPasswordResets } = await import("../../support/outbox");
  await issueQueuedPasswordResets(email);
  const mail = await getDb().outboxMessage.findFirstOrThrow({
    where: { topic: "mail.send", payload: { path: ["to"], equals: email } },
    orderBy: { id: "desc" },
  });
  return (mail.payload as { data: { token: string } }).data.token;
}

describe.runIf(chromiumAvailable())("passwords in Chromium", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => browser?.close());

  it("resets a forgotten password with a one-time link, without JavaScript, ending the old sessions", async () => {
    const { owner } = await createOwnedAccount();
    const before = await signedInContext(browser, owner.email);
    const page = await openPage(browser, { javaScriptEnabled: false, extraHTTPHeaders: freshClientHeader() });
    await page.goto("/sign-in");
    await page.getByRole("link", { name: "Forgot your password?" }).click();
    for (const address of ["nobody-at-all@example.net", owner.email]) {
      await page.goto("/forgot-password");
      await page.getByLabel("Email address").fill(address);
      await page.getByRole("button", { name: "Send me a link" }).click();
      await page.getByText(`If a login uses ${address}, a link to choose a new password is on its way`).waitFor();
    }
    const link = `/reset-password?token=${await mailedToken(owner.email)}`;
    await page.goto(link);
    await page.getByText(/^Setting it signs you out everywhere/).waitFor();
    await page.getByLabel("New password", { exact: true }).fill("short");
    await page.getByLabel("New password again").fill("short");
    await page.getByRole("button", { name: "Set the new password" }).click();
    await page
      .getByText(/at least 12 characters/)
      .first()
      .waitFor();
    await page.getByLabel("New password", { exact: true }).fill(NEW);
    await page.getByLabel("New password again").fill(NEW);
    await page.getByRole("button", { name: "Set the new password" }).click();
    await page.getByText("Your password is changed").waitFor();

    // Used up; the session from before the reset is over; the new password signs in.
    await page.goto(link);
    await page.getByText("This link does not work").waitFor();
    const old = await before.request.get("/account", { maxRedirects: 0 });
    expect(old.status()).toBe(307);
    await before.close();
    const after = await signedInContext(browser, owner.email, NEW);
    expect((await after.request.get("/account", { maxRedirects: 0 })).status()).toBe(200);
    await after.close();
    await page.context().close();
  });

  it("runs the forgot-password page's scripts (rendered per request with the CSP nonce, not prerendered without it)", async () => {
    const page = await openPage(browser, { extraHTTPHeaders: freshClientHeader() });
    const violations: string[] = [];
    page.on("console", (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    await page.goto("/forgot-password", { waitUntil: "networkidle" });
    await page.getByRole("button", { name: "Send me a link" }).waitFor();
    expect(violations).toEqual([]);
    await page.context().close();
  });

  it("changes a signed-in user's password: this browser stays signed in, the others are signed out", async () => {
    for (const role of ["OWNER", "STAFF"] as const) {
      const login = role === "OWNER" ? (await createOwnedAccount()).owner : await createLogin("STAFF");
      const home = role === "OWNER" ? "/account" : "/staff";
      const elsewhere = await signedInContext(browser, login.email);
      const here = await signedInContext(browser, login.email);
      const page = here.pages()[0]!;
      await page.goto("/password");
      await page.getByLabel("Current password").fill("not it");
      await page.getByLabel("New password", { exact: true }).fill(NEW);
      await page.getByLabel("New password again").fill(NEW);
      await page.getByRole("button", { name: "Change password" }).click();
      await page.getByText("This is not your current password.").first().waitFor();
      await page.getByLabel("Current password").fill(PASSWORD);
      await page.getByLabel("New password", { exact: true }).fill(NEW);
      await page.getByLabel("New password again").fill(NEW);
      await page.getByRole("button", { name: "Change password" }).click();
      await page.getByText("You were signed out everywhere else.").waitFor();
      expect((await here.request.get(home, { maxRedirects: 0 })).status(), role).toBe(200);
      expect((await elsewhere.request.get(home, { maxRedirects: 0 })).status(), role).toBe(307);
      await here.close();
      await elsewhere.close();
    }
  });

  // bcrypt reads only the first 72 bytes: a longer new password is refused where one is set.
  const LONG = "a long passphrase of many words, set before any limit on its length was set (86 chars)";
  const TOO_LONG = "This password is too long: use at most 72 characters. It has 86: remove 14 characters.";

  async function refusedKeepingWhatWasTyped(page: Page, submit: string) {
    await page
      .getByText(/at most 72: accented letters, emoji and some symbols count as more than one/)
      .first()
      .waitFor();
    await page.getByLabel("New password", { exact: true }).fill(LONG);
    await page.getByLabel("New password again").fill(LONG);
    await page.getByRole("button", { name: submit }).click();
    await page.getByText(TOO_LONG).first().waitFor();
    expect(await page.getByLabel("New password", { exact: true }).inputValue()).toBe(LONG);
    expect(await page.getByLabel("New password again").inputValue()).toBe(LONG);
  }

  it("refuses a new password over 72 bytes, saying by how much and keeping what was typed; one set before still signs in", async () => {
    expect(LONG).toHaveLength(86);
    const { owner } = await createOwnedAccount();
    // Changing it, signed in.
    const page = await signedInPage(browser, owner.email);
    await page.goto("/password");
    await page.getByLabel("Current password").fill(PASSWORD);
    await refusedKeepingWhatWasTyped(page, "Change password");
    expect(await page.getByLabel("Current password").inputValue()).toBe(PASSWORD);
    await page.context().close();

    // Resetting it with a link, with JavaScript and without (where nothing typed is echoed back).
    for (const javaScriptEnabled of [true, false]) {
      const reset = await openPage(browser, { javaScriptEnabled, extraHTTPHeaders: freshClientHeader() });
      await reset.goto("/forgot-password");
      await reset.getByLabel("Email address").fill(owner.email);
      await reset.getByRole("button", { name: "Send me a link" }).click();
      await reset.getByText(/a link to choose a new password is on its way/).waitFor();
      await reset.goto(`/reset-password?token=${await mailedToken(owner.email)}`);
      if (javaScriptEnabled) await refusedKeepingWhatWasTyped(reset, "Set the new password");
      else {
        await reset.getByLabel("New password", { exact: true }).fill(LONG);
        await reset.getByLabel("New password again").fill(LONG);
        await reset.getByRole("button", { name: "Set the new password" }).click();
        await reset.getByText(TOO_LONG).first().waitFor();
      }
      await reset.context().close();
    }
    // Nothing was changed: the old password still signs in.
    await (await signedInContext(browser, owner.email)).close();

    // A password over 72 bytes stored before the limit (its hash made directly) signs in as before.
    process.env.DATABASE_URL = inject("appDatabaseUrl");
    const { getDb } = await import("@/lib/db/client");
    await getDb().user.update({ where: { id: owner.id }, data: { passwordHash: await bcrypt.hash(LONG, 4) } });
    const older = await signedInPage(browser, owner.email, { password: LONG });
    expect(new URL(older.url()).pathname).toBe("/account");
    await older.context().close();
  });
});
