import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { inject } from "vitest";
import { expectAccessibleAt375, expectNoSidewaysScroll } from "../../support/a11y";
import { baseUrl, chromiumAvailable, launchBrowser, openPage } from "../../support/browser";
import { actionBody, serverActionId } from "../../support/raw-http";
import { createTestUser, submitSignIn } from "../../support/sign-in";
import { createOpenAppeal, createReport, freshClientHeader } from "../sender-actions/app-data";

async function appDb() {
  process.env.DATABASE_URL = inject("appDatabaseUrl");
  return (await import("@/lib/db/client")).getDb();
}

const disabled = async (email: string) =>
  (await (await appDb()).user.findFirstOrThrow({ where: { email } })).disabledAt !== null;

const createUser = async (role: "STAFF" | "ADMIN") => (await createTestUser(role, { name: `Users ${role}` })).email;

/** Opens the sign-in page and sends the form (the caller checks where it lands). */
async function signIn(page: Page, email: string) {
  await page.goto("/sign-in");
  await submitSignIn(page, email);
}

describe.runIf(chromiumAvailable())("an admin manages users, without JavaScript", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => browser?.close());

  it("makes a reviewer an admin (their next page shows it), disables them (their session ends at once, sign-in refused) and enables them", async () => {
    const [adminEmail, reviewerEmail] = await Promise.all([createUser("ADMIN"), createUser("STAFF")]);
    const admin = await openPage(browser, { javaScriptEnabled: false, extraHTTPHeaders: freshClientHeader() });
    const reviewer = await openPage(browser, { javaScriptEnabled: false, extraHTTPHeaders: freshClientHeader() });
    await signIn(admin, adminEmail);
    await signIn(reviewer, reviewerEmail);
    await reviewer.getByRole("heading", { name: "Review queue" }).waitFor();
    await expect(reviewer.getByRole("link", { name: "Users" }).count()).resolves.toBe(0);

    await admin.getByRole("link", { name: "Users" }).click();
    const role = admin.locator(`form[aria-label='Role of ${reviewerEmail}']`);
    await role.getByLabel("Role").selectOption("ADMIN");
    await role.getByRole("button", { name: "Change role" }).click();
    await admin.getByText(`${reviewerEmail} is an admin now`).waitFor();
    await reviewer.reload();
    await reviewer.getByRole("link", { name: "Users" }).waitFor();

    const access = admin.locator(`form[aria-label='Access of ${reviewerEmail}']`);
    await access.getByRole("button", { name: "Disable login" }).click();
    await access.getByRole("button", { name: "Yes, disable the login" }).click();
    await admin.getByText(`${reviewerEmail} is disabled`).waitFor();
    // Their very next request is refused: back to sign-in, and signing in again fails.
    await reviewer.goto("/staff");
    expect(new URL(reviewer.url()).pathname).toBe("/sign-in");
    await signIn(reviewer, reviewerEmail);
    await expect(reviewer.getByRole("heading", { name: "Review queue" }).count()).resolves.toBe(0);
    expect(new URL(reviewer.url()).pathname).toBe("/sign-in");

    await admin
      .locator(`form[aria-label='Access of ${reviewerEmail}']`)
      .getByRole("button", { name: "Enable login" })
      .click();
    await admin.getByText(`${reviewerEmail} can sign in again.`).waitFor();
    await signIn(reviewer, reviewerEmail);
    await reviewer.getByRole("heading", { name: "Review queue" }).waitFor();
    // The admin cannot lock themselves out from here.
    await expect(admin.locator(`form[aria-label='Access of ${adminEmail}']`).count()).resolves.toBe(0);
    for (const page of [admin, reviewer]) await page.context().close();
  });

  for (const javaScriptEnabled of [true, false]) {
    it(`JavaScript ${javaScriptEnabled ? "on" : "off"}: “Disable login” asks first; Cancel changes nothing, “Yes, disable the login” disables it`, async () => {
      const [adminEmail, reviewerEmail] = await Promise.all([createUser("ADMIN"), createUser("STAFF")]);
      const admin = await openPage(browser, {
        javaScriptEnabled,
        extraHTTPHeaders: freshClientHeader(),
        viewport: { width: 375, height: 700 },
      });
      const reviewer = await openPage(browser, { javaScriptEnabled: false, extraHTTPHeaders: freshClientHeader() });
      await signIn(admin, adminEmail);
      await signIn(reviewer, reviewerEmail);
      await reviewer.getByRole("heading", { name: "Review queue" }).waitFor();
      await admin.getByRole("heading", { name: "Review queue" }).waitFor();
      await admin.goto("/staff/users");
      const access = admin.locator(`form[aria-label='Access of ${reviewerEmail}']`);
      const question = `Disable ${reviewerEmail}'s login?`;

      await access.getByRole("button", { name: "Disable login" }).click();
      await access.getByText(question).waitFor();
      await access
        .getByText("They are signed out everywhere at once and cannot sign in until an admin enables the login again.")
        .waitFor();
      // Asking changed nothing: the reviewer is still signed in.
      expect(await disabled(reviewerEmail)).toBe(false);
      // The question is where the user is looking: in the window, and with JavaScript it has the focus.
      await expect
        .poll(() =>
          access.evaluate((el) => {
            const box = el.getBoundingClientRect();
            return box.top >= 0 && box.top < window.innerHeight;
          }),
        )
        .toBe(true);
      if (javaScriptEnabled)
        await expect.poll(() => admin.evaluate(() => document.activeElement?.textContent ?? "")).toContain(question);

      // axe runs in the page, so only with JavaScript; the width check either way.
      if (javaScriptEnabled) await expectAccessibleAt375(admin, "the question");
      else await expectNoSidewaysScroll(admin, "the question");

      await access.getByRole("button", { name: "Cancel" }).click();
      const disable = access.getByRole("button", { name: "Disable login" });
      await disable.waitFor();
      expect(await access.getByText(question).count()).toBe(0);
      expect(await disabled(reviewerEmail)).toBe(false);
      if (javaScriptEnabled)
        await expect.poll(() => disable.evaluate((el) => el === document.activeElement)).toBe(true);
      await reviewer.goto("/staff");
      await reviewer.getByRole("heading", { name: "Review queue" }).waitFor();

      await disable.click();
      await access.getByRole("button", { name: "Yes, disable the login" }).click();
      await admin
        .getByText(`${reviewerEmail} is disabled: they cannot sign in, and their sessions have ended.`)
        .waitFor();
      expect(await disabled(reviewerEmail)).toBe(true);
      await access.getByRole("button", { name: "Enable login" }).waitFor();
      await reviewer.goto("/staff");
      expect(new URL(reviewer.url()).pathname).toBe("/sign-in");
      for (const page of [admin, reviewer]) await page.context().close();
    });
  }

  it("“Disable login” posted directly without the confirmation (the form's old fields) disables nothing and says how to confirm", async () => {
    const [adminEmail, reviewerEmail] = await Promise.all([createUser("ADMIN"), createUser("STAFF")]);
    const target = await (await appDb()).user.findFirstOrThrow({ where: { email: reviewerEmail } });
    const admin = await openPage(browser, { javaScriptEnabled: false, extraHTTPHeaders: freshClientHeader() });
    await signIn(admin, adminEmail);
    await admin.getByRole("heading", { name: "Review queue" }).waitFor();
    const post = async (fields: Record<string, string>) =>
      admin.context().request.post("/staff/users", {
        maxRedirects: 0,
        headers: {
          "Next-Action": serverActionId("setUserDisabledAction", "lib/actions/admin.ts"),
          Accept: "text/x-component",
          Origin: baseUrl(),
        },
        multipart: actionBody(fields),
      });
    const refused = await post({ userId: target.id, op: "disable" });
    expect(refused.status()).toBe(200);
    expect(await refused.text()).toContain("Nothing is changed yet");
    await post({ userId: target.id, op: "disable", step: "cancel", confirm: "yes" });
    expect(await disabled(reviewerEmail)).toBe(false);
    // The same post with the confirmation disables it: the refusal was the missing confirmation.
    const done = await post({ userId: target.id, op: "disable", confirm: "yes" });
    expect(await done.text()).toContain(`${reviewerEmail} is disabled`);
    expect(await disabled(reviewerEmail)).toBe(true);
    // Enabling again does not ask.
    await post({ userId: target.id, op: "enable" });
    expect(await disabled(reviewerEmail)).toBe(false);
    await admin.context().close();
  });

  // Eight axe runs over four pages: allow for a busy machine, as the other heavy browser tests do.
  it(
    "the admin pages and a decision form with templates: no accessibility violations and no sideways scrolling at 375 px, light and dark",
    { timeout: 120_000 },
    async () => {
      const adminEmail = await createUser("ADMIN");
      const db = await appDb();
      await db.decisionTemplate.create({
        data: {
          title: `A11y template ${randomBytes(3).toString("hex")}`,
          decision: "ask",
          body: "Which list did the campaign go to, and how did those recipients opt in?",
        },
      });
      const { block } = await createReport({ reason: "SPAM" });
      await createOpenAppeal(block);
      // Reversal form on a decided request, too.
      const { block: decided } = await createReport({ reason: "ABUSE" });
      const decidedRef = await createOpenAppeal(decided);
      const reviewer = await db.user.findFirstOrThrow({ where: { email: adminEmail } });
      await db.appeal.update({
        where: { reference: decidedRef },
        data: {
          status: "DENIED",
          decisionReason: "Complaints are still above the limit.",
          decidedById: reviewer.id,
          decidedAt: new Date(),
        },
      });
      await db.block.update({ where: { id: decided.id }, data: { status: "ACTIVE" } });
      for (const colorScheme of ["light", "dark"] as const) {
        const page = await openPage(browser, {
          colorScheme,
          viewport: { width: 375, height: 800 },
          extraHTTPHeaders: freshClientHeader(),
        });
        await signIn(page, adminEmail);
        await page.getByRole("heading", { name: "Review queue" }).waitFor();
        for (const path of [
          "/staff/users",
          "/staff/templates",
          `/staff/reports/${block.publicId}`,
          `/staff/reports/${decided.publicId}`,
        ]) {
          await page.goto(path);
          await expectAccessibleAt375(page, `${path} ${colorScheme}`);
        }
        await page.context().close();
      }
    },
  );
});
