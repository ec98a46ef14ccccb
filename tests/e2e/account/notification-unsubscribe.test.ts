import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, BrowserContext } from "playwright-core";
import { expectAccessibleAt375 } from "../../support/a11y";
import { chromiumAvailable, launchBrowser, openPage } from "../../support/browser";
import { freshClientHeader } from "../sender-actions/app-data";
import { signedInPage } from "../../support/sign-in";
import { addressForm, createOwnedAccount } from "./account-support";

/*
 * An address that unsubscribed stays unsubscribed, through the real endpoints and without
 * JavaScript: the one-click POST a mail client sends, the owner's page refusing to add it
 * again (keeping what was typed, mailing nothing), and "Subscribe again" on the address's own
 * unsubscribe page, the only way back.
 */

async function appDb() {
  process.env.DATABASE_URL = inject("appDatabaseUrl");
  return (await import("@/lib/db/client")).getDb();
}

const mailsTo = async (email: string) =>
  (await appDb()).outboxMessage.count({ where: { topic: "mail.send", payload: { path: ["to"], equals: email } } });

/** A confirmed address on the account's list, as if it had confirmed its link; its unsubscribe token. */
async function confirmedRecipient(accountId: string, email: string): Promise<string> {
  const unsubscribeToken = randomBytes(24).toString("base64url");
  await (
    await appDb()
  ).notificationRecipient.create({
    data: { accountId, email, events: ["created", "ended"], unsubscribeToken, confirmedAt: new Date() },
  });
  return unsubscribeToken;
}

describe.runIf(chromiumAvailable())("unsubscribed notification addresses", () => {
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
  });

  it("without JavaScript: a one-click unsubscribe keeps the owner from adding the address again (the typed address kept, nothing mailed); 'Subscribe again' on its page brings it back", async () => {
    const { account, owner } = await createOwnedAccount();
    const email = `optout-${randomBytes(3).toString("hex")}@example.org`;
    const token = await confirmedRecipient(account.id, email);

    // RFC 8058: the mail client's POST, no session, no JavaScript.
    const visitor = await openPage(browser, {
      javaScriptEnabled: false,
      extraHTTPHeaders: freshClientHeader(),
      viewport: { width: 375, height: 800 },
    });
    contexts.push(visitor.context());
    const oneClick = await visitor.request.post(`/api/unsubscribe/${token}`, {
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      data: "List-Unsubscribe=One-Click",
    });
    expect(oneClick.status()).toBe(200);
    expect(await (await appDb()).notificationRecipient.count({ where: { email } })).toBe(0);

    // The owner types the address again: refused, saying why and what can be done, the address kept.
    const page = await signedInPage(browser, owner.email, {
      javaScriptEnabled: false,
      viewport: { width: 375, height: 800 },
    });
    contexts.push(page.context());
    await page.goto("/account/notifications");
    const unsubscribed = page.getByRole("region", { name: "Unsubscribed" });
    await unsubscribed.getByText(new RegExp(`^Unsubscribed: ${email} on \\d+ \\w+ \\d{4}$`)).waitFor();
    expect(await unsubscribed.getByRole("button").count()).toBe(0);
    const typed = email.toUpperCase();
    await addressForm(page).getByRole("textbox", { name: "Address to notify" }).fill(typed);
    await addressForm(page).getByRole("button", { name: "Add address" }).click();
    await page
      .getByText(
        new RegExp(
          `^${email} unsubscribed from this account's notifications on \\d+ \\w+ \\d{4}\\. We send it nothing more unless its owner subscribes again from the link in the last notification they received\\.$`,
        ),
      )
      .waitFor();
    expect(await addressForm(page).getByRole("textbox", { name: "Address to notify" }).inputValue()).toBe(typed);
    expect(await mailsTo(email)).toBe(0);
    expect(await (await appDb()).notificationRecipient.count({ where: { email } })).toBe(0);

    // The unsubscribe link opened again: a GET changes nothing; "Subscribe again" (a POST) does.
    await visitor.goto(`/unsubscribe/${token}`);
    await visitor.getByText(`${email} unsubscribed from the block notifications of`).waitFor();
    expect(await (await appDb()).notificationSuppression.count({ where: { email } })).toBe(1);
    await visitor.getByRole("button", { name: "Subscribe again" }).click();
    await visitor.getByText(`${email} is subscribed again`).waitFor();
    expect(
      await (
        await appDb()
      ).notificationRecipient.findFirstOrThrow({
        where: { email },
        select: { events: true, confirmedAt: true, unsubscribeToken: true },
      }),
    ).toEqual({ events: ["created", "ended"], confirmedAt: expect.any(Date), unsubscribeToken: token });
    expect(await (await appDb()).notificationSuppression.count({ where: { email } })).toBe(0);
    expect(await mailsTo(email)).toBe(0);

    // The page's own button, then "Subscribe again" right away on the page the POST comes back to.
    await visitor.goto(`/unsubscribe/${token}`);
    await visitor.getByRole("button", { name: "Unsubscribe" }).click();
    await visitor.getByText("You are unsubscribed").waitFor();
    await visitor.getByRole("button", { name: "Subscribe again" }).click();
    await visitor.getByText(`${email} is subscribed again`).waitFor();
    expect(await (await appDb()).notificationRecipient.count({ where: { email } })).toBe(1);
    await page.goto("/account/notifications");
    expect(await page.getByRole("region", { name: "Unsubscribed" }).count()).toBe(0);
  });

  it("has no accessibility violations and no sideways scrolling at 375 px, light and dark: the refusal, the unsubscribed list, the unsubscribe page", async () => {
    for (const colorScheme of ["light", "dark"] as const) {
      const { account, owner } = await createOwnedAccount();
      const email = `a11y-optout-${randomBytes(3).toString("hex")}-with-a-rather-long-local-part@example.org`;
      const token = await confirmedRecipient(account.id, email);
      const visitor = await openPage(browser, {
        colorScheme,
        viewport: { width: 375, height: 800 },
        extraHTTPHeaders: freshClientHeader(),
      });
      contexts.push(visitor.context());
      await visitor.goto(`/unsubscribe/${token}`);
      await visitor.getByRole("button", { name: "Unsubscribe" }).click();
      await visitor.getByText("You are unsubscribed").waitFor();
      await expectAccessibleAt375(visitor, `unsubscribed (${colorScheme})`);
      await visitor.goto(`/unsubscribe/${token}`);
      await visitor.getByRole("button", { name: "Subscribe again" }).waitFor();
      await expectAccessibleAt375(visitor, `unsubscribe page, opened again (${colorScheme})`);

      const page = await signedInPage(browser, owner.email, { colorScheme, viewport: { width: 375, height: 800 } });
      contexts.push(page.context());
      await page.goto("/account/notifications");
      await addressForm(page).getByRole("textbox", { name: "Address to notify" }).fill(email);
      await addressForm(page).getByRole("button", { name: "Add address" }).click();
      await page.getByText(`${email} unsubscribed from this account's notifications`).waitFor();
      await expectAccessibleAt375(page, `notifications, unsubscribed address refused (${colorScheme})`);

      await visitor.getByRole("button", { name: "Subscribe again" }).click();
      await visitor.getByText(`${email} is subscribed again`).waitFor();
      await expectAccessibleAt375(visitor, `subscribed again (${colorScheme})`);
    }
  });
});
