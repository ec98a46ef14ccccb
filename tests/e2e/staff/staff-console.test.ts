import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { expectAccessibleAt375 } from "../../support/a11y";
import { chromiumAvailable, launchBrowser, openPage } from "../../support/browser";
import { completeSignIn, createTestUser, TEST_PASSWORD } from "../../support/sign-in";
import { createCase, createOpenAppeal, createReport, freshClientHeader, storedFor } from "../sender-actions/app-data";

const REASON = "Opt-in is confirmed and the imported list is gone; lifting the block.";

const createStaffUser = async () => (await createTestUser("STAFF", { name: "E2E Reviewer" })).email;

describe.runIf(chromiumAvailable())("the staff console in Chromium", () => {
  let browser: Browser;
  let email: string;
  beforeAll(async () => {
    browser = await launchBrowser();
    email = await createStaffUser();
  });
  afterAll(async () => browser?.close());

  it.each([
    ["on", true],
    ["off", false],
  ] as const)(
    "signs in, finds the request in the queue and approves it, with JavaScript %s",
    async (_mode, javaScriptEnabled) => {
      const { block, path } = await createReport({ reason: "SPAM" });
      const reference = await createOpenAppeal(block);
      const page = await openPage(browser, { javaScriptEnabled, extraHTTPHeaders: freshClientHeader() });

      await page.goto("/staff");
      expect(new URL(page.url()).pathname).toBe("/sign-in");
      await page.getByLabel("Email address").fill(email);
      await page.getByLabel("Password").fill("not the password");
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.getByText("do not match a login").waitFor();
      await expect(page.getByLabel("Email address").inputValue()).resolves.toBe(email);
      await expect(page.getByLabel("Password").inputValue()).resolves.toBe("");
      await completeSignIn(page, email);
      expect(new URL(page.url()).pathname).toBe("/staff");

      // Found by its reference: the queue is oldest first, 50 a page, and the e2e data holds many.
      await page.goto(`/staff?q=${reference}`);
      await page.locator("#to-decide").getByRole("link", { name: reference }).click();
      await page.getByText("We stopped the campaign and removed the imported list.").waitFor();
      const form = page.locator(`form[aria-label='Decide on ${reference}']`);
      await form.getByLabel("Reason or question for the sender").fill("Too short");
      await form.getByRole("button", { name: "Record decision" }).click();
      await page.getByText("Please check your answers").waitFor();
      await expect(page.locator("#decision-decision-error").textContent()).resolves.toMatch(/Choose what to do/);
      await expect(page.locator("#decision-text-error").textContent()).resolves.toMatch(/at least 10 characters/);
      await expect(form.getByLabel("Reason or question for the sender").inputValue()).resolves.toBe("Too short");
      expect((await storedFor(block.id, block.publicId)).appeals[0]!.status).toBe("OPEN");

      await form.getByLabel("Approve and lift the block").check();
      await form.getByLabel("Reason or question for the sender").fill(REASON);
      await form.getByRole("button", { name: "Record decision" }).click();
      await page.getByText(`Request ${reference} approved and the block lifted`).waitFor();
      await expect(page.locator(`form[aria-label='Decide on ${reference}']`).count()).resolves.toBe(0);
      const stored = await storedFor(block.id, block.publicId);
      expect(stored.status).toBe("LIFTED");
      expect(stored.appeals[0]).toMatchObject({ status: "APPROVED", decisionReason: REASON });
      expect(stored.mails).toContain("appeal-decided");

      // What the sender now sees on their report.
      await page.goto(path);
      await page.getByText("Review approved", { exact: true }).waitFor();
      await expect(page.locator("#actions").textContent()).resolves.toContain(REASON);

      await page.goto("/staff");
      await page.getByRole("button", { name: "Sign out" }).click();
      await page.getByRole("heading", { name: "Sign in" }).waitFor();
      await page.goto("/staff");
      expect(new URL(page.url()).pathname).toBe("/sign-in");
      await page.context().close();
    },
  );

  it("sends an account owner to their portal, not the console page asked for, and a signed-out reader of a report page to sign in first", async () => {
    const page = await openPage(browser, { extraHTTPHeaders: freshClientHeader() });
    await page.goto("/staff/reports/1ec5d310c951ebd54d84");
    expect(page.url()).toContain("/sign-in?next=%2Fstaff%2Freports%2F1ec5d310c951ebd54d84");
    await page.getByLabel("Email address").fill("owner@northwind.example");
    await page.getByLabel("Password").fill("demo-owner-2026");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL((url) => url.pathname === "/account");
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.goto("/staff/reports/1ec5d310c951ebd54d84");
    await completeSignIn(page, await createStaffUser());
    expect(new URL(page.url()).pathname).toBe("/staff/reports/1ec5d310c951ebd54d84");
    await page.getByRole("heading", { name: "Review request", exact: true }).waitFor();
    await page.context().close();
  });

  it("slows down password guessing for one address, with a message that says for how long", async () => {
    const target = await createStaffUser();
    const page = await openPage(browser, { javaScriptEnabled: false, extraHTTPHeaders: freshClientHeader() });
    await page.goto("/sign-in");
    for (let attempt = 1; attempt <= 10; attempt += 1) {
      await page.getByLabel("Email address").fill(target);
      await page.getByLabel("Password").fill(`guess ${attempt}`);
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.getByText("do not match a login").waitFor();
    }
    // The eleventh try is refused even with the right password, from a new client address too.
    const other = await openPage(browser, { javaScriptEnabled: false, extraHTTPHeaders: freshClientHeader() });
    await other.goto("/sign-in");
    await other.getByLabel("Email address").fill(target);
    await other.getByLabel("Password").fill(TEST_PASSWORD);
    await other.getByRole("button", { name: "Sign in" }).click();
    await other.getByText(/Too many sign-in attempts\. Try again in \d+ minutes\./).waitFor();
    await other.getByText("Not signed in", { exact: true }).waitFor();
    expect(new URL(other.url()).pathname).toBe("/sign-in");
    await page.context().close();
    await other.context().close();
  });

  it.each([
    ["on", true],
    ["off", false],
  ] as const)(
    "replies to a reported case: the sender is mailed and reads it on the report, JavaScript %s",
    async (_mode, javaScriptEnabled) => {
      const { block, path } = await createReport({ reason: "SPAM" });
      const caseReference = await createCase(path, "Is this about the Black Friday mail?", "it@example.org");
      const page = await openPage(browser, { javaScriptEnabled, extraHTTPHeaders: freshClientHeader() });
      await page.goto("/sign-in");
      await completeSignIn(page, await createStaffUser());
      await page.locator("#cases").getByRole("link", { name: caseReference }).click();
      await page.getByText("Is this about the Black Friday mail?").waitFor();
      await expect(page.locator("#cases").textContent()).resolves.toContain("mailed to it@example.org");
      const reply = page.locator(`form[aria-label='Reply on case ${caseReference}']`);
      const words = "Yes: the image-only template scored highest. Replace it, then request a review.";
      await reply.getByLabel("Reply to the sender").fill(words);
      await reply.getByRole("button", { name: "Send reply" }).click();
      await page
        .getByText(`Reply sent on case ${caseReference}. The sender is mailed and sees it on the report.`)
        .waitFor();
      const note = page.locator(`form[aria-label='Internal note on case ${caseReference}']`);
      await note.getByLabel("Internal note").fill("Customer's account manager asked us to be quick.");
      await note.getByRole("button", { name: "Add internal note" }).click();
      await page.getByText(`Internal note added to case ${caseReference}.`).waitFor();
      await page.goto(`/staff/reports/${block.publicId}`);
      await page.getByText("Internal note, not shown to the sender").waitFor();

      const stored = await storedFor(block.id, block.publicId);
      expect(stored.mailJobs.find((job) => job.template === "case-reply")).toMatchObject({
        to: "it@example.org",
        data: { reference: caseReference, text: words, closed: false },
      });

      // What the sender now sees: the reply in their conversation, open; never the note.
      const sender = await openPage(browser, { javaScriptEnabled, extraHTTPHeaders: freshClientHeader() });
      await sender.goto(path);
      const conversation = sender.locator("#conversation");
      await expect(conversation.evaluate((d) => (d as HTMLDetailsElement).open)).resolves.toBe(true);
      await expect(conversation.textContent()).resolves.toMatch(
        new RegExp(
          `reference ${caseReference}.*You wrote to compliance.*Is this about the Black Friday mail\\?.*Compliance replied.*image-only template`,
          "s",
        ),
      );
      await expect(sender.locator("body").textContent()).resolves.not.toContain("account manager");
      await page.context().close();
      await sender.context().close();
    },
  );

  it("closes a reported case with a message the sender reads and lifts the block, without JavaScript", async () => {
    const { block, path } = await createReport({ reason: "ABUSE" });
    const caseReference = await createCase(path, "The samples came from a partner's hacked account.");
    const page = await openPage(browser, { javaScriptEnabled: false, extraHTTPHeaders: freshClientHeader() });
    await page.goto("/sign-in");
    await completeSignIn(page, await createStaffUser());
    await page.locator("#cases").getByRole("link", { name: caseReference }).click();
    await page.getByText("The samples came from a partner's hacked account.").waitFor();
    await expect(page.locator("#cases").textContent()).resolves.toContain("The sender gave no address");

    const close = page.locator(`form[aria-label='Close case ${caseReference}']`);
    await close.getByRole("button", { name: "Close case" }).click();
    await page.getByText("Please check your answers").waitFor();
    await close
      .getByLabel("Closing message to the sender")
      .fill("We confirmed the partner account was compromised and secured; nothing more is needed from you.");
    await close.getByRole("button", { name: "Close case" }).click();
    await page.getByText(`Case ${caseReference} closed.`).waitFor();
    await expect(page.locator(`form[aria-label='Close case ${caseReference}']`).count()).resolves.toBe(0);

    const lift = page.locator("form[aria-label='Lift this block']");
    await lift.getByLabel("Reason").fill("Not the sender's mail: a partner's hacked account sent it.");
    await lift.getByRole("button", { name: "Lift block" }).click();
    await page.getByText(`Block ${block.publicId} lifted.`).waitFor();
    expect((await storedFor(block.id, block.publicId)).status).toBe("LIFTED");

    await page.goto(path);
    await page.getByText("Not the sender's mail: a partner's hacked account sent it.").first().waitFor();
    await expect(page.locator("#conversation").textContent()).resolves.toMatch(
      /Compliance replied.*partner account was compromised.*Compliance closed the case/s,
    );
    await page.context().close();
  });

  it("shows bidi controls and invisible characters the sender wrote as visible markers, and defangs their links", async () => {
    const { block, path } = await createReport({ reason: "ABUSE" });
    const hostile =
      "Invoice\u202Efdp.exe is fine, pay\u200Bpal said so: \u2066admin\u2069 see https://evil.example/login";
    // The sender's own form, as a sender would post it.
    const sender = await openPage(browser, { javaScriptEnabled: false, extraHTTPHeaders: freshClientHeader() });
    await sender.goto(path);
    await sender.locator("#request-review summary").click();
    const form = sender.locator("form[aria-label='Request review']");
    await form.getByLabel("Your email address").fill("ops@example.org");
    await form.getByLabel("What happened and what you fixed").fill(hostile);
    await form.getByLabel("How the list was collected").fill("Customers who bought in the last year.");
    await form.getByLabel("How recipients opted in").fill(`Checkbox\uFEFF at checkout\u200E, \u202Dconfirmed\u202C.`);
    await form.getByLabel("What was removed").fill("The imported list, about 4,000 addresses.");
    await form.getByLabel("The unsubscribe path").fill("List-Unsubscribe header with one-click.");
    await form.getByLabel("The traffic that caused this block has stopped.").check();
    await form.getByRole("button", { name: "Request review" }).click();
    await sender.getByText("Review requested: waiting for our compliance team").waitFor();
    expect((await storedFor(block.id, block.publicId)).appeals[0]!.explanation).toBe(hostile); // stored as written
    await sender.context().close();
    await createCase(path, "Not ours\u202E\u200B: ask \u2067them\u2069.");

    const page = await openPage(browser, { javaScriptEnabled: false, extraHTTPHeaders: freshClientHeader() });
    await page.goto("/sign-in");
    await completeSignIn(page, await createStaffUser());
    await page.goto(`/staff/reports/${block.publicId}`);
    const review = (await page.locator("#review").textContent())!;
    expect(review).toContain(
      "Invoice⟨U+202E⟩fdp.exe is fine, pay⟨U+200B⟩pal said so: ⟨U+2066⟩admin⟨U+2069⟩ see hxxps://evil[.]example/login",
    );
    expect(review).toContain("Checkbox⟨U+FEFF⟩ at checkout⟨U+200E⟩, ⟨U+202D⟩confirmed⟨U+202C⟩.");
    await expect(page.locator("#cases").textContent()).resolves.toContain(
      "Not ours⟨U+202E⟩⟨U+200B⟩: ask ⟨U+2067⟩them⟨U+2069⟩.",
    );
    await expect(page.locator("#review a[href*='evil']").count()).resolves.toBe(0);
    // Nowhere on the page does an invisible character the sender wrote survive.
    await expect(page.locator("body").textContent()).resolves.not.toMatch(
      /[\u200B\u200E\u202A-\u202E\u2066-\u2069\uFEFF]/,
    );
    await page.context().close();
  });

  it("has no accessibility violations and no sideways scrolling at 375 px, light and dark", async () => {
    const { block } = await createReport({ reason: "ABUSE" });
    await createOpenAppeal(block);
    const check = expectAccessibleAt375;
    for (const colorScheme of ["light", "dark"] as const) {
      const page = await openPage(browser, {
        colorScheme,
        viewport: { width: 375, height: 800 },
        extraHTTPHeaders: freshClientHeader(),
      });
      await page.goto("/sign-in");
      await check(page, `sign-in ${colorScheme}`);
      await completeSignIn(page, await createStaffUser());
      await check(page, `queue ${colorScheme}`);
      await page.goto(`/staff/reports/${block.publicId}`);
      await check(page, `report ${colorScheme}`);
      // Written about the sender, never to them: nothing addressed to "you" on the staff page.
      await expect(page.locator("main").textContent()).resolves.not.toMatch(
        /your mail server|from you\b|\byour review request\b|\bPause sending\b/i,
      );
      await page.context().close();
    }
  });
});
