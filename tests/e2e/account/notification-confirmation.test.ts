import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, BrowserContext } from "playwright-core";
import { expectAccessibleAt375 } from "../../support/a11y";
import { baseUrl, chromiumAvailable, launchBrowser, openPage } from "../../support/browser";
import { freshClientHeader } from "../sender-actions/app-data";
import { signedInPage } from "../../support/sign-in";
import { actionBody, actionId, addressForm, createLogin, createOwnedAccount, signedInContext } from "./account-support";

/*
 * Confirming a notification address, in Chromium without JavaScript and over HTTP as an
 * attacker would post it: only the account's owner sees an address and sends its
 * confirmation again; the mailed link works without a session, for its own address only,
 * and a GET of it changes nothing.
 */

async function appDb() {
  process.env.DATABASE_URL = inject("appDatabaseUrl");
  return (await import("@/lib/db/client")).getDb();
}

/** The mails queued to an address, oldest first, with the confirmation tokens they carry. */
async function mailsTo(email: string) {
  const rows = await (
    await appDb()
  ).outboxMessage.findMany({
    where: { topic: "mail.send", payload: { path: ["to"], equals: email } },
    orderBy: { id: "asc" },
  });
  return rows.map((r) => r.payload as { template: string; data: { token?: string } });
}
const lastToken = async (email: string) => (await mailsTo(email)).at(-1)!.data.token!;

async function recipientOf(email: string) {
  return (await appDb()).notificationRecipient.findFirstOrThrow({
    where: { email },
    select: { id: true, confirmedAt: true },
  });
}

describe.runIf(chromiumAvailable())("confirming notification addresses", () => {
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
  });

  it("without JavaScript: the owner adds an address (a rejected form keeps what was typed), sees it wait, sends the confirmation again until the limit; the mailed link confirms it without a session", async () => {
    const { owner } = await createOwnedAccount();
    const email = `ops-${randomBytes(3).toString("hex")}@example.org`;
    const ownerContext = await signedInContext(browser, owner.email);
    contexts.push(ownerContext);
    const page = await ownerContext.newPage();
    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto("/account/notifications");

    // Rejected: no event chosen. The address stays typed and the message says what to change.
    await addressForm(page).getByRole("textbox", { name: "Address to notify" }).fill(email);
    for (const box of await addressForm(page).getByRole("checkbox").all()) await box.uncheck();
    await addressForm(page).getByRole("button", { name: "Add address" }).click();
    await page.getByText("Choose at least one event.").first().waitFor();
    expect(await addressForm(page).getByRole("textbox", { name: "Address to notify" }).inputValue()).toBe(email);
    expect(await mailsTo(email)).toEqual([]);

    await addressForm(page).getByRole("checkbox", { name: "A block is created" }).check();
    await addressForm(page).getByRole("button", { name: "Add address" }).click();
    await page.getByText(`${email} is added and waiting for confirmation`).waitFor();
    const row = page.getByRole("listitem").filter({ hasText: email });
    await row.getByText("Waiting for confirmation").waitFor();
    await row.getByText(/^Confirmation mailed \d+ \w+ \d{4} \d\d:\d\d UTC\. Its link works until/).waitFor();
    expect(await mailsTo(email)).toEqual([expect.objectContaining({ template: "notification-confirmation" })]);
    const firstToken = await lastToken(email);

    // Sent again: a new link (the first stops working), three times an hour.
    for (let i = 0; i < 3; i += 1) {
      await page.getByRole("button", { name: "Send the confirmation again" }).click();
      await page.getByText(`A new confirmation link is on its way to ${email}.`).waitFor();
    }
    await page.getByRole("button", { name: "Send the confirmation again" }).click();
    await page.getByText(/several times in the last hour.*Try again in \d+ minutes\./).waitFor();
    expect(await mailsTo(email)).toHaveLength(4);
    const token = await lastToken(email);
    expect(token).not.toBe(firstToken);

    // Its events change in its own form on the list, without retyping the address; a refused
    // save keeps what was ticked, and saving mails the address nothing (no new confirmation).
    const events = row.getByRole("form", { name: `Events for ${email}` });
    const box = (name: string) => events.getByRole("checkbox", { name });
    expect(await box("A block is created").isChecked()).toBe(true);
    for (const each of await events.getByRole("checkbox").all()) await each.uncheck();
    await events.getByRole("button", { name: "Save events" }).click();
    await row.getByText("Choose at least one event.").first().waitFor();
    for (const each of await events.getByRole("checkbox").all()) expect(await each.isChecked()).toBe(false);
    await box("A block is escalated").check();
    await box("A review request is decided").check();
    await events.getByRole("button", { name: "Save events" }).click();
    await row.getByText(`Events saved. ${email} still waits for confirmation`).waitFor();
    expect(await box("A block is escalated").isChecked()).toBe(true);
    expect(await box("A review request is decided").isChecked()).toBe(true);
    expect(await box("A block is created").isChecked()).toBe(false);
    const saved = await (await appDb()).notificationRecipient.findFirstOrThrow({ where: { email } });
    expect(saved.events).toEqual(["escalated", "decided"]);
    expect(await mailsTo(email)).toHaveLength(4);
    expect(await lastToken(email)).toBe(token);
    // "Remove" is a button, the row's last.
    expect(await row.getByRole("button").last().textContent()).toBe("Remove");

    // The mailed link, in a browser with no session: opening it (as a mail scanner would) changes nothing.
    const visitor = await openPage(browser, {
      javaScriptEnabled: false,
      extraHTTPHeaders: freshClientHeader(),
      viewport: { width: 375, height: 700 },
    });
    contexts.push(visitor.context());
    await visitor.goto(`/notifications/confirm?token=${firstToken}`);
    await visitor.getByText("This link does not work").waitFor();
    await visitor.goto(`/notifications/confirm?token=${token}`);
    await visitor.getByText(`the block notifications of`).waitFor();
    expect(await visitor.getByText(email).count()).toBe(1);
    expect((await recipientOf(email)).confirmedAt).toBe(null);
    await visitor.getByRole("button", { name: "Confirm" }).click();
    await visitor.getByText(`${email} is confirmed: it gets the block notifications`).waitFor();
    expect((await recipientOf(email)).confirmedAt).not.toBe(null);
    // Used up.
    await visitor.goto(`/notifications/confirm?token=${token}`);
    await visitor.getByText("This link does not work").waitFor();
    expect(await visitor.getByRole("button", { name: "Confirm" }).count()).toBe(0);

    await page.goto("/account/notifications");
    await row.getByText("Confirmed").waitFor();
    expect(await row.getByRole("button", { name: "Send the confirmation again" }).count()).toBe(0);

    // The unsubscribe link every mail carries, confirmation included, without JavaScript: the answer is shown.
    const { unsubscribeToken } = await (
      await appDb()
    ).notificationRecipient.findFirstOrThrow({ where: { email }, select: { unsubscribeToken: true } });
    await visitor.goto(`/unsubscribe/${unsubscribeToken}`);
    await visitor.getByRole("button", { name: "Unsubscribe" }).click();
    await visitor.getByText("You are unsubscribed").waitFor();
    expect(await (await appDb()).notificationRecipient.count({ where: { email } })).toBe(0);
  });

  it("has no accessibility violations and no sideways scrolling at 375 px, light and dark: an address waiting, a rejected form, the confirmation page", async () => {
    for (const colorScheme of ["light", "dark"] as const) {
      const { owner } = await createOwnedAccount();
      const email = `a11y-${randomBytes(3).toString("hex")}@example.org`;
      const page = await signedInPage(browser, owner.email, { colorScheme, viewport: { width: 375, height: 800 } });
      contexts.push(page.context());
      await page.goto("/account/notifications");
      await addressForm(page).getByRole("textbox", { name: "Address to notify" }).fill(email);
      await addressForm(page).getByRole("button", { name: "Add address" }).click();
      await page.getByText(`${email} is added and waiting for confirmation`).waitFor();
      await expectAccessibleAt375(page, `notifications, waiting (${colorScheme})`);
      await addressForm(page).getByRole("textbox", { name: "Address to notify" }).fill("not an address");
      await addressForm(page).getByRole("button", { name: "Add address" }).click();
      await page.getByText("Enter a whole email address, like ops@example.net.").first().waitFor();
      await expectAccessibleAt375(page, `notifications, rejected (${colorScheme})`);

      const visitor = await openPage(browser, {
        colorScheme,
        viewport: { width: 375, height: 800 },
        extraHTTPHeaders: freshClientHeader(),
      });
      contexts.push(visitor.context());
      await visitor.goto(`/notifications/confirm?token=${await lastToken(email)}`);
      await expectAccessibleAt375(visitor, `confirmation page (${colorScheme})`);
      await visitor.getByRole("button", { name: "Confirm" }).click();
      await visitor.getByText(`${email} is confirmed`).waitFor();
      await expectAccessibleAt375(visitor, `confirmation page, confirmed (${colorScheme})`);
      await visitor.goto(`/notifications/confirm?token=${await lastToken(email)}`);
      await expectAccessibleAt375(visitor, `confirmation page, link used (${colorScheme})`);
    }
  });

  it("over HTTP: only the owner resends or sees an address; a link confirms its own address only, with no session, and a GET of it changes nothing", async () => {
    const a = await createOwnedAccount();
    const b = await createOwnedAccount();
    const staff = await createLogin("STAFF");
    const ownerA = await signedInContext(browser, a.owner.email);
    const ownerB = await signedInContext(browser, b.owner.email);
    const staffContext = await signedInContext(browser, staff.email);
    const anonymous = (await openPage(browser, { extraHTTPHeaders: freshClientHeader() })).context();
    contexts.push(ownerA, ownerB, staffContext, anonymous);
    const tag = randomBytes(3).toString("hex");
    const [first, second] = [`first-${tag}@example.org`, `second-${tag}@example.org`];
    const save = await actionId("saveRecipientAction", "lib/actions/notifications.ts");
    const resend = await actionId("resendConfirmationAction", "lib/actions/notifications.ts");
    const confirm = await actionId("confirmRecipientAction", "lib/actions/notifications.ts");
    const post = (context: BrowserContext, path: string, id: string, fields: Record<string, string>) =>
      context.request.post(path, {
        maxRedirects: 0,
        headers: { "Next-Action": id, Accept: "text/x-component", Origin: baseUrl() },
        multipart: actionBody(fields),
      });
    for (const email of [first, second]) {
      const response = await post(ownerA, "/account/notifications", save, { email, events: "created" });
      expect(response.status()).toBe(200);
      expect(await response.text()).toContain("is added and waiting for confirmation");
    }
    const firstRecipient = await recipientOf(first);

    for (const [name, context] of [
      ["anonymous", anonymous],
      ["owner of account B", ownerB],
      ["staff", staffContext],
    ] as const) {
      const response = await post(context, "/account/notifications", resend, { recipientId: firstRecipient.id });
      expect(response.status(), name).toBeLessThan(500);
      expect(await response.text(), name).not.toContain(first);
      const page = await context.request.get("/account/notifications", { maxRedirects: 0 });
      expect(await page.text(), name).not.toContain(first);
    }
    expect(await mailsTo(first)).toHaveLength(1);
    // The same post from A's owner goes through: the refusals above are the authorization, not a broken request.
    const own = await post(ownerA, "/account/notifications", resend, { recipientId: firstRecipient.id });
    expect(await own.text()).toContain(`A new confirmation link is on its way to ${first}`);
    expect(await mailsTo(first)).toHaveLength(2);
    const ownPage = await (await ownerA.request.get("/account/notifications")).text();
    expect(ownPage).toContain(first);
    expect(ownPage).toContain("Waiting for confirmation");

    // A scanner's GET (and HEAD) of the link: nothing changes.
    const token = await lastToken(first);
    for (const method of ["get", "head"] as const) {
      const response = await anonymous.request[method](`/notifications/confirm?token=${token}`);
      expect(response.status()).toBe(200);
    }
    expect((await recipientOf(first)).confirmedAt).toBe(null);

    // The link's POST, with no session at all, confirms its own address and not the other one.
    const confirmed = await post(anonymous, "/notifications/confirm", confirm, { token });
    expect(confirmed.status()).toBe(200);
    expect(await confirmed.text()).toContain(`${first} is confirmed`);
    expect((await recipientOf(first)).confirmedAt).not.toBe(null);
    expect((await recipientOf(second)).confirmedAt).toBe(null);
    // Used up, and a made-up token does nothing.
    for (const spent of [token, randomBytes(32).toString("base64url")]) {
      const again = await post(anonymous, "/notifications/confirm", confirm, { token: spent });
      expect(again.status()).toBeLessThan(500);
      expect(await again.text()).toContain("This confirmation link does not work");
    }
    expect((await recipientOf(second)).confirmedAt).toBe(null);
  });
});
