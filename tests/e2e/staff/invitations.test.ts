import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { inject } from "vitest";
import { expectAccessibleAt375 } from "../../support/a11y";
import { baseUrl, chromiumAvailable, launchBrowser, openPage } from "../../support/browser";
import { actionBody, serverActionId } from "../../support/raw-http";
import { submitSignIn } from "../../support/sign-in";
import { createLogin, createOwnedAccount, PASSWORD } from "../account/account-support";
import { freshClientHeader } from "../sender-actions/app-data";

const NEW = "my very own first password";

async function appDb() {
  process.env.DATABASE_URL = inject("appDatabaseUrl");
  return (await import("@/lib/db/client")).getDb();
}

/** The newest invitation mailed to `email`, from the outbox (the worker is not running in e2e). */
async function invitationLink(email: string): Promise<string> {
  const mail = await (
    await appDb()
  ).outboxMessage.findFirstOrThrow({
    where: { topic: "mail.send", payload: { path: ["to"], equals: email } },
    orderBy: { id: "desc" },
  });
  const payload = mail.payload as { template: string; data: { token: string } };
  expect(payload.template).toBe("invitation");
  return `/invitation?token=${payload.data.token}`;
}

async function signIn(page: Page, email: string, password: string) {
  await page.goto("/sign-in");
  await submitSignIn(page, email, password);
}

describe.runIf(chromiumAvailable())("invitations, without JavaScript", () => {
  let browser: Browser;
  let adminEmail: string;
  beforeAll(async () => {
    browser = await launchBrowser();
    adminEmail = (await createLogin("ADMIN")).email;
  });
  afterAll(async () => browser?.close());

  it("an admin invites a reviewer (an address in use is refused, keeping what was typed); the link sets the password and lands on /staff", async () => {
    const existing = (await createLogin("STAFF")).email;
    const invitee = `invitee-${randomBytes(4).toString("hex")}@example.net`;
    const admin = await openPage(browser, { javaScriptEnabled: false, extraHTTPHeaders: freshClientHeader() });
    await signIn(admin, adminEmail, PASSWORD);
    await admin.goto("/staff/users");
    const form = admin.locator("form[aria-label='Invite a user']");
    await form.getByLabel("Email address").fill(existing.toUpperCase());
    await form.getByLabel("Name").fill("Rosa Reviewer");
    await form.getByLabel("Role").selectOption("ADMIN");
    await form.getByRole("button", { name: "Send invitation" }).click();
    await admin.getByText("A login already uses this address.").first().waitFor();
    await expect(form.getByLabel("Email address").inputValue()).resolves.toBe(existing.toUpperCase());
    await expect(form.getByLabel("Name").inputValue()).resolves.toBe("Rosa Reviewer");
    await expect(form.getByLabel("Role").inputValue()).resolves.toBe("ADMIN");

    await form.getByLabel("Email address").fill(invitee);
    await form.getByLabel("Role").selectOption("STAFF");
    await form.getByRole("button", { name: "Send invitation" }).click();
    await admin.getByText(`${invitee} is invited`).waitFor();
    const row = admin.getByRole("row").filter({ hasText: invitee });
    await row.getByText("Invited").first().waitFor();
    await row.getByRole("button", { name: `Resend the invitation to ${invitee}` }).waitFor();

    // Until the password is set, signing in is refused.
    const invited = await openPage(browser, { javaScriptEnabled: false, extraHTTPHeaders: freshClientHeader() });
    await signIn(invited, invitee, "no user has this address");
    await invited.getByText("do not match a login").waitFor();

    // Resend: the first link stops working.
    const first = await invitationLink(invitee);
    await row.getByRole("button", { name: `Resend the invitation to ${invitee}` }).click();
    await admin.getByText(`The invitation to ${invitee} is sent again`).waitFor();
    const second = await invitationLink(invitee);
    expect(second).not.toBe(first);
    await invited.goto(first);
    await invited.getByText("This invitation link does not work").waitFor();

    await invited.goto(second);
    await invited.getByLabel("New password", { exact: true }).fill(NEW);
    await invited.getByLabel("New password again").fill(`${NEW} typo`);
    await invited.getByRole("button", { name: "Set my password and sign in" }).click();
    await invited.getByText("Type the same new password twice.").first().waitFor();
    await invited.getByLabel("New password", { exact: true }).fill(NEW);
    await invited.getByLabel("New password again").fill(NEW);
    await invited.getByRole("button", { name: "Set my password and sign in" }).click();
    await invited.getByRole("heading", { name: "Review queue" }).waitFor();
    expect(new URL(invited.url()).pathname).toBe("/staff");
    // Used up. The page is no dead end: it leads to signing in, and names an address to write to.
    await invited.goto(second);
    await invited.getByText("This invitation link does not work").waitFor();
    const answer = invited.locator("section[aria-label='Choose your password']");
    await answer.getByText("Already chose a password?").waitFor();
    expect(await answer.getByRole("link", { name: "Sign in", exact: true }).getAttribute("href")).toBe("/sign-in");
    expect(await answer.getByRole("link", { name: /@/ }).getAttribute("href")).toMatch(/^mailto:[^@]+@[^@]+$/);

    await admin.reload();
    await admin.getByRole("row").filter({ hasText: invitee }).getByText("Can sign in").waitFor();
    // In the audit log.
    await admin.goto(`/staff/audit?target=${encodeURIComponent(invitee)}`);
    for (const what of ["Invited a user: staff", "Resent an invitation", "Accepted an invitation: password set"])
      await admin.getByRole("table").getByText(what).first().waitFor();
    for (const page of [admin, invited]) await page.context().close();
  });

  it("an owner is invited to an account and lands in its portal; a revoked invitation's link stops working", async () => {
    const { account } = await createOwnedAccount();
    const ownerEmail = `new-owner-${randomBytes(4).toString("hex")}@example.net`;
    const revokedEmail = `revoked-${randomBytes(4).toString("hex")}@example.net`;
    const admin = await openPage(browser, { javaScriptEnabled: false, extraHTTPHeaders: freshClientHeader() });
    await signIn(admin, adminEmail, PASSWORD);
    await admin.goto("/staff/users");
    const form = admin.locator("form[aria-label='Invite a user']");
    await form.getByLabel("Email address").fill(ownerEmail);
    await form.getByLabel("Name").fill("Olive Owner");
    await form.getByLabel("Role").selectOption("OWNER");
    await form.getByRole("button", { name: "Send invitation" }).click();
    await admin.getByText("Choose the account this owner belongs to.").first().waitFor();
    await form.getByLabel("Account (owners only)").selectOption(account.id);
    await form.getByRole("button", { name: "Send invitation" }).click();
    await admin.getByText(`${ownerEmail} is invited`).waitFor();

    await form.getByLabel("Email address").fill(revokedEmail);
    await form.getByLabel("Name").fill("Never Mind");
    await form.getByRole("button", { name: "Send invitation" }).click();
    await admin.getByText(`${revokedEmail} is invited`).waitFor();
    const revokedLink = await invitationLink(revokedEmail);
    await admin.getByRole("button", { name: `Revoke the invitation to ${revokedEmail}` }).click();
    await admin.getByRole("button", { name: "Yes, revoke the invitation" }).click();
    await admin.getByText(`The invitation to ${revokedEmail} is withdrawn`).waitFor();
    await expect(admin.getByRole("row").filter({ hasText: revokedEmail }).count()).resolves.toBe(0);

    const owner = await openPage(browser, { javaScriptEnabled: false, extraHTTPHeaders: freshClientHeader() });
    await owner.goto(revokedLink);
    await owner.getByText("This invitation link does not work").waitFor();
    await owner.goto(await invitationLink(ownerEmail));
    await owner.getByLabel("New password", { exact: true }).fill(NEW);
    await owner.getByLabel("New password again").fill(NEW);
    await owner.getByRole("button", { name: "Set my password and sign in" }).click();
    await owner.waitForURL((url) => url.pathname === "/account");
    for (const page of [admin, owner]) await page.context().close();
  });

  it(
    "the users page, an invitation page and the sign-in page with single sign-on: no accessibility violations, no sideways scrolling at 375 px, light and dark",
    { timeout: 120_000 },
    async () => {
      const invitee = `a11y-${randomBytes(4).toString("hex")}@example.net`;
      for (const colorScheme of ["light", "dark"] as const) {
        const page = await openPage(browser, {
          colorScheme,
          viewport: { width: 375, height: 800 },
          extraHTTPHeaders: freshClientHeader(),
        });
        await signIn(page, adminEmail, PASSWORD);
        await page.getByRole("heading", { name: "Review queue" }).waitFor();
        await page.goto("/staff/users");
        if (colorScheme === "light") {
          const form = page.locator("form[aria-label='Invite a user']");
          await form.getByLabel("Email address").fill(invitee);
          await form.getByLabel("Name").fill("A11y Invitee");
          await form.getByRole("button", { name: "Send invitation" }).click();
          await page.getByText(`${invitee} is invited`).waitFor();
        }
        const link = await invitationLink(invitee);
        const guest = await openPage(browser, { colorScheme, viewport: { width: 375, height: 800 } });
        for (const [target, path] of [
          [page, "/staff/users"],
          [guest, link],
          [guest, "/sign-in?sso=unverified"],
        ] as const) {
          await target.goto(path);
          await expectAccessibleAt375(target, `${path} ${colorScheme}`);
        }
        for (const p of [page, guest]) await p.context().close();
      }
    },
  );
});

/** An invitation not accepted yet (no password), straight in the database. */
async function pendingInvitation() {
  return (await appDb()).user.create({
    data: {
      email: `pending-${randomBytes(4).toString("hex")}@example.net`,
      name: "Pending Invitee",
      role: "STAFF",
      passwordHash: null,
      invitedAt: new Date(),
    },
  });
}

const exists = async (id: string) => (await (await appDb()).user.count({ where: { id } })) === 1;

describe.runIf(chromiumAvailable())("revoking an invitation asks first", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => browser?.close());

  for (const javaScriptEnabled of [true, false]) {
    it(`JavaScript ${javaScriptEnabled ? "on" : "off"}: Revoke asks, Cancel keeps the invitation, “Yes, revoke the invitation” withdraws it`, async () => {
      const adminEmail = (await createLogin("ADMIN")).email;
      const invited = await pendingInvitation();
      const admin = await openPage(browser, {
        javaScriptEnabled,
        extraHTTPHeaders: freshClientHeader(),
        viewport: { width: 375, height: 700 },
      });
      await signIn(admin, adminEmail, PASSWORD);
      await admin.getByRole("heading", { name: "Review queue" }).waitFor();
      await admin.goto("/staff/users");
      const revoke = admin.getByRole("button", { name: `Revoke the invitation to ${invited.email}` });
      const question = `Revoke the invitation to ${invited.email}?`;
      await revoke.click();
      await admin.getByText(question).waitFor();
      expect(await exists(invited.id)).toBe(true);
      // The question, above the list, is in the window; with JavaScript it has the focus.
      await expect
        .poll(() =>
          admin.getByText(question).evaluate((el) => {
            const box = el.getBoundingClientRect();
            return box.top >= 0 && box.top < window.innerHeight;
          }),
        )
        .toBe(true);
      if (javaScriptEnabled)
        await expect.poll(() => admin.evaluate(() => document.activeElement?.textContent ?? "")).toContain(question);

      await admin.getByRole("button", { name: "Cancel" }).click();
      await expect.poll(() => admin.getByText(question).count()).toBe(0);
      expect(await exists(invited.id)).toBe(true);
      if (javaScriptEnabled) await expect.poll(() => revoke.evaluate((el) => el === document.activeElement)).toBe(true);

      await revoke.click();
      await admin.getByRole("button", { name: "Yes, revoke the invitation" }).click();
      await admin.getByText(`The invitation to ${invited.email} is withdrawn`).waitFor();
      expect(await exists(invited.id)).toBe(false);
      await admin.context().close();
    });
  }

  it("posted directly without the confirmation (the form's old fields), revokes nothing and says how to confirm", async () => {
    const adminEmail = (await createLogin("ADMIN")).email;
    const invited = await pendingInvitation();
    const admin = await openPage(browser, { javaScriptEnabled: false, extraHTTPHeaders: freshClientHeader() });
    await signIn(admin, adminEmail, PASSWORD);
    await admin.getByRole("heading", { name: "Review queue" }).waitFor();
    const post = async (fields: Record<string, string>) =>
      admin.context().request.post("/staff/users", {
        maxRedirects: 0,
        headers: {
          "Next-Action": serverActionId("manageInvitationAction", "lib/actions/admin.ts"),
          Accept: "text/x-component",
          Origin: baseUrl(),
        },
        multipart: actionBody(fields),
      });
    const refused = await post({ invitation: `revoke:${invited.id}` });
    expect(refused.status()).toBe(200);
    expect(await refused.text()).toContain("Nothing is changed yet");
    await post({ invitation: `revoke:${invited.id}`, step: "cancel", confirm: "yes" });
    expect(await exists(invited.id)).toBe(true);
    const done = await post({ invitation: `revoke:${invited.id}`, confirm: "yes" });
    expect(await done.text()).toContain(`The invitation to ${invited.email} is withdrawn`);
    expect(await exists(invited.id)).toBe(false);
    await admin.context().close();
  });
});
