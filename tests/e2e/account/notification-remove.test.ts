import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { expectAccessibleAt375, expectNoSidewaysScroll } from "../../support/a11y";
import { baseUrl, chromiumAvailable, launchBrowser } from "../../support/browser";
import { signedInPage } from "../../support/sign-in";
import { actionBody, actionId, addressForm, createOwnedAccount } from "./account-support";

/*
 * "Remove" on the notification list asks first (ConfirmStep), with JavaScript and without:
 * Cancel leaves the address on the list, "Yes, remove" removes it; and the action posted
 * directly without the confirmation removes nothing and says what to do. The add form beside
 * it refuses an address already on the list (its events untouched), and its "Added" does not
 * stay on screen once another form is used.
 */

async function appDb() {
  process.env.DATABASE_URL = inject("appDatabaseUrl");
  return (await import("@/lib/db/client")).getDb();
}

async function addRecipient(accountId: string) {
  return (await appDb()).notificationRecipient.create({
    data: {
      accountId,
      email: `remove-me-${randomBytes(3).toString("hex")}@example.org`,
      events: ["created"],
      unsubscribeToken: randomBytes(24).toString("base64url"),
      confirmedAt: new Date(),
    },
  });
}

const stillThere = async (id: string) => (await (await appDb()).notificationRecipient.count({ where: { id } })) === 1;

/** Whether the element's top is inside the window (what the user is looking at). */
const topInView = (page: Page, selector: string) =>
  page.locator(selector).evaluate((el) => {
    const box = el.getBoundingClientRect();
    return box.top >= 0 && box.top < window.innerHeight;
  });

describe.runIf(chromiumAvailable())("removing a notification address asks first", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => browser?.close());

  for (const javaScriptEnabled of [true, false]) {
    it(`JavaScript ${javaScriptEnabled ? "on" : "off"}: Remove asks, Cancel keeps the address, “Yes, remove” removes it`, async () => {
      const { account, owner } = await createOwnedAccount();
      // The address to remove last on a list long enough to scroll: the question must come back in view.
      const others = [await addRecipient(account.id), await addRecipient(account.id)];
      const recipient = await addRecipient(account.id);
      const page = await signedInPage(browser, owner.email, {
        javaScriptEnabled,
        viewport: { width: 375, height: 700 },
      });
      await page.goto("/account/notifications");
      const form = page.getByRole("form", { name: `Remove ${recipient.email}` });
      const question = `Stop sending notifications to ${recipient.email} and remove it?`;

      await form.getByRole("button", { name: "Remove", exact: true }).click();
      await form.getByText(question).waitFor();
      expect(await stillThere(recipient.id)).toBe(true);
      const formSelector = `#notify-${recipient.id}-remove`;
      await expect.poll(() => topInView(page, formSelector)).toBe(true);
      if (javaScriptEnabled) {
        // The question has the focus: the next Tab reaches "Yes, remove".
        await expect.poll(() => page.evaluate(() => document.activeElement?.textContent ?? "")).toContain(question);
      }
      // axe runs in the page, so only with JavaScript; the width check either way.
      if (javaScriptEnabled) await expectAccessibleAt375(page, "the question");
      else await expectNoSidewaysScroll(page, "the question");
      // One question at a time: the other rows still offer Remove.
      for (const other of others)
        await page
          .getByRole("form", { name: `Remove ${other.email}` })
          .getByRole("button", { name: "Remove", exact: true })
          .waitFor();

      await form.getByRole("button", { name: "Cancel" }).click();
      const remove = form.getByRole("button", { name: "Remove", exact: true });
      await remove.waitFor();
      expect(await form.getByText(question).count()).toBe(0);
      expect(await stillThere(recipient.id)).toBe(true);
      if (javaScriptEnabled) await expect.poll(() => remove.evaluate((el) => el === document.activeElement)).toBe(true);

      await remove.click();
      await form.getByRole("button", { name: "Yes, remove" }).click();
      await expect.poll(() => stillThere(recipient.id)).toBe(false);
      await expect.poll(() => page.getByText(recipient.email).count()).toBe(0);
      for (const other of others) expect(await stillThere(other.id)).toBe(true);
      await page.context().close();
    });
  }

  for (const javaScriptEnabled of [true, false]) {
    it(`JavaScript ${javaScriptEnabled ? "on" : "off"}: adding an address already on the list is refused on its field, keeping what was typed and the events it had`, async () => {
      const { account, owner } = await createOwnedAccount();
      const listed = await addRecipient(account.id); // events: created
      const page = await signedInPage(browser, owner.email, {
        javaScriptEnabled,
        viewport: { width: 375, height: 800 },
      });
      await page.goto("/account/notifications");
      const typed = listed.email.toUpperCase();
      const field = addressForm(page).getByRole("textbox", { name: "Address to notify" });
      await field.fill(typed);
      // The form's defaults (every event) would have replaced the one chosen for it.
      await addressForm(page).getByRole("button", { name: "Add address" }).click();
      const error = `${listed.email} is already on the list. To change the events it gets, use its own “Save events” under “Addresses notified”.`;
      await addressForm(page).getByText(error).first().waitFor();
      expect(await field.getAttribute("aria-invalid")).toBe("true");
      expect(await field.inputValue()).toBe(typed);
      await addressForm(page).getByText("Please check your answers").waitFor();
      expect(await addressForm(page).getByText("Saved").count()).toBe(0);
      const row = (await appDb()).notificationRecipient.findUniqueOrThrow({ where: { id: listed.id } });
      expect((await row).events).toEqual(["created"]);
      const own = page.getByRole("form", { name: `Events for ${listed.email}` });
      expect(await own.getByRole("checkbox", { name: "A block is created" }).isChecked()).toBe(true);
      expect(await own.getByRole("checkbox", { name: "A block is escalated" }).isChecked()).toBe(false);
      await page.context().close();
    });
  }

  it("JavaScript on: the add form's “Added” goes once another form is used, as Remove's question comes", async () => {
    const { account, owner } = await createOwnedAccount();
    const listed = await addRecipient(account.id);
    const page = await signedInPage(browser, owner.email, { viewport: { width: 375, height: 800 } });
    await page.goto("/account/notifications");
    const email = `added-${randomBytes(3).toString("hex")}@example.org`;
    await addressForm(page).getByRole("textbox", { name: "Address to notify" }).fill(email);
    await addressForm(page).getByRole("button", { name: "Add address" }).click();
    const added = addressForm(page).getByText(`${email} is added and waiting for confirmation`);
    await added.waitFor();
    const remove = page.getByRole("form", { name: `Remove ${listed.email}` });
    await remove.getByRole("button", { name: "Remove", exact: true }).click();
    await remove.getByText(`Stop sending notifications to ${listed.email} and remove it?`).waitFor();
    await expect.poll(() => added.count()).toBe(0);
    expect(await addressForm(page).getByText("Added", { exact: true }).count()).toBe(0);
    await page.context().close();
  });

  it("posted directly without the confirmation (the form's old fields), removes nothing and says how to confirm", async () => {
    const { account, owner } = await createOwnedAccount();
    const recipient = await addRecipient(account.id);
    const page = await signedInPage(browser, owner.email, { javaScriptEnabled: false });
    const post = async (fields: Record<string, string>) =>
      page.context().request.post("/account/notifications", {
        maxRedirects: 0,
        headers: {
          "Next-Action": await actionId("removeRecipientAction", "lib/actions/notifications.ts"),
          Accept: "text/x-component",
          Origin: baseUrl(),
        },
        multipart: actionBody(fields),
      });
    const refused = await post({ recipientId: recipient.id });
    expect(refused.status()).toBe(200);
    expect(await refused.text()).toContain("Nothing is removed yet");
    // Cancel, posted directly, changes nothing either.
    await post({ recipientId: recipient.id, step: "cancel", confirm: "yes" });
    expect(await stillThere(recipient.id)).toBe(true);
    // The confirmed post from the owner removes it: the refusal above was the missing confirmation.
    const done = await post({ recipientId: recipient.id, confirm: "yes" });
    expect(await done.text()).toContain("Removed: that address gets no more notifications.");
    expect(await stillThere(recipient.id)).toBe(false);
    await page.context().close();
  });
});
