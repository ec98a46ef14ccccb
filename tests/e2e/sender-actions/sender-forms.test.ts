import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Locator, Page } from "playwright-core";
import { expectNoAxeViolations } from "../../support/a11y";
import { chromiumAvailable, launchBrowser, openPage } from "../../support/browser";
import {
  askForInformation,
  createOpenAppeal,
  createReport,
  declineAppeal,
  freshClientHeader,
  storedFor,
} from "./app-data";

const MODES = [
  ["on", true],
  ["off", false],
] as const;

async function valueOf(locator: Locator) {
  return locator.inputValue();
}

/*
 * Form posts the page sends from now on. With JavaScript the form itself must send one
 * per double click; without it, Chromium sends one, and the server's guards (one open
 * appeal, one-time submission token) would absorb a second anyway.
 */
function countPosts(page: Page): () => number {
  let posts = 0;
  page.on("request", (request) => {
    if (request.method() === "POST") posts += 1;
  });
  return () => posts;
}

describe.runIf(chromiumAvailable())("sender actions in Chromium", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => browser?.close());

  const open = async (path: string, javaScriptEnabled: boolean): Promise<Page> => {
    const page = await openPage(browser, { javaScriptEnabled, extraHTTPHeaders: freshClientHeader() });
    await page.goto(path);
    return page;
  };

  it.each(MODES)(
    "requests a review with JavaScript %s: errors by field, typing kept, a double click stores one appeal",
    async (_mode, js) => {
      const { block, path } = await createReport({ reason: "ABUSE" });
      const page = await open(path, js);
      await page.locator("#request-review summary").click();
      const form = page.locator("form[aria-label='Request review']");
      await form.getByLabel("Your email address").fill("ops@example.org");
      await form.getByLabel("What happened and what you fixed").fill("too short");
      await form.getByLabel("How the list was collected").fill("Customers who bought in the last year.");
      await form.getByRole("button", { name: "Request review" }).click();

      await page.getByText("Please check your answers").waitFor();
      await expect(page.locator("#request-review").getAttribute("open")).resolves.not.toBeNull();
      await expect(page.locator("#review-explanation-error").textContent()).resolves.toMatch(/at least 20 characters/);
      for (const name of ["optIn", "removedAddresses", "unsubscribePath", "trafficStopped"]) {
        await expect(page.locator(`#review-${name}-error`).count(), name).resolves.toBe(1);
      }
      for (const name of ["contactEmail", "listSource"])
        await expect(page.locator(`#review-${name}-error`).count(), name).resolves.toBe(0);
      await expect(page.locator("#review-explanation").getAttribute("aria-invalid")).resolves.toBe("true");
      await expect(valueOf(form.getByLabel("Your email address"))).resolves.toBe("ops@example.org");
      await expect(valueOf(form.getByLabel("What happened and what you fixed"))).resolves.toBe("too short");
      await expect(valueOf(form.getByLabel("How the list was collected"))).resolves.toBe(
        "Customers who bought in the last year.",
      );
      expect((await storedFor(block.id, block.publicId)).appeals).toHaveLength(0);

      await form
        .getByLabel("What happened and what you fixed")
        .fill("A partner imported an old list; we stopped the campaign and deleted the list.");
      await form.getByLabel("How recipients opted in").fill("Checkbox at checkout and a confirmation email.");
      await form.getByLabel("What was removed").fill("The imported list, about 4,000 addresses.");
      await form.getByLabel("The unsubscribe path").fill("List-Unsubscribe header with one-click.");
      await form.getByLabel("The traffic that caused this block has stopped.").check();
      const posts = countPosts(page);
      await form.getByRole("button", { name: "Request review" }).dblclick();

      await page.getByText("Review requested: waiting for our compliance team").waitFor();
      if (js) expect(posts()).toBe(1);
      const stored = await storedFor(block.id, block.publicId);
      expect(stored.appeals).toHaveLength(1);
      expect(stored.status).toBe("UNDER_REVIEW");
      expect(stored.mails).toEqual(["appeal-notice", "appeal-received"]);
      await expect(page.locator("#actions").textContent()).resolves.toContain(stored.appeals[0]!.reference);
      await expect(page.locator("#request-review").count()).resolves.toBe(0);
      // The form is gone (a review is open now); its answer stays, with the focus. Without
      // JavaScript a double click may post twice, and the page shows the second answer.
      const received = `Your review request ${stored.appeals[0]!.reference} was received`;
      const answer = page.locator("#actions [role=status], #actions [role=alert]", {
        hasText: js ? received : new RegExp(`${received}|A review is already requested`),
      });
      await expect(answer.count()).resolves.toBe(1);
      if (js)
        await expect(answer.evaluate((box) => box.parentElement!.contains(document.activeElement))).resolves.toBe(true);
      await page.context().close();
    },
  );

  it.each(MODES)(
    "reports to compliance with JavaScript %s: one reference shown, no digest, a double click records once, a second report joins the case",
    async (_mode, js) => {
      const { block, path } = await createReport({ reason: "SPAM" });
      const page = await open(path, js);
      await page.locator("#report-message summary").click();
      const form = page.locator("form[aria-label='Report message to compliance']");
      await form.getByLabel("Your note (optional)").fill("The samples are not ours.");
      await form.getByLabel("Your email address (optional)").fill("not-an-address");
      await form.getByRole("button", { name: "Send to compliance" }).click();
      await page.locator("#case-contactEmail-error").waitFor();
      await expect(valueOf(form.getByLabel("Your note (optional)"))).resolves.toBe("The samples are not ours.");
      await expect(valueOf(form.getByLabel("Your email address (optional)"))).resolves.toBe("not-an-address");

      await form.getByLabel("Your email address (optional)").fill("it@example.org");
      const posts = countPosts(page);
      await form.getByRole("button", { name: "Send to compliance" }).dblclick();
      await page.getByText("Sent to compliance").waitFor();
      if (js) expect(posts()).toBe(1);
      const first = await storedFor(block.id, block.publicId);
      expect(first.cases).toHaveLength(1);
      expect(first.cases[0]!.messages).toHaveLength(1);
      expect(first.mails).toEqual(["case-notice", "case-received"]);
      const { reference, bundleDigest } = first.cases[0]!;
      const text = (await page.locator("#actions").textContent()) ?? "";
      // Without JavaScript the page shown is the second click's answer, which finds the first recorded.
      expect(text).toMatch(
        new RegExp(
          `(The report was sent to our compliance team|This report was already sent): your reference is ${reference}\\.`,
        ),
      );
      // The digest is for staff; the sender has one reference to quote, everywhere.
      expect(text).not.toContain(bundleDigest);
      expect(text).not.toMatch(/SHA-256|digest/);
      expect(new Set(text.match(/\b[AC]-[2-9A-HJKMNP-TV-Z]{6}\b/g))).toEqual(new Set([reference]));

      // Adding to the case is one action with one name: the form's button and the top panel's link.
      await page.locator("#report-message summary", { hasText: "Message compliance" }).waitFor();
      await page
        .locator("section[aria-labelledby='report-title']")
        .getByRole("link", { name: "Message compliance" })
        .waitFor();
      await expect(page.getByText("Add a message for compliance").count()).resolves.toBe(0);
      // The form stays open with its confirmation; it is reopened only if it was folded.
      const isOpen = await page.locator("#report-message").evaluate((details) => (details as HTMLDetailsElement).open);
      if (!isOpen) await page.locator("#report-message summary").click();
      await form.getByLabel("Your note (optional)").fill("One more detail.");
      await form.getByRole("button", { name: "Add to the case" }).click();
      await page.getByText("Your message was added to the open case").waitFor();
      const second = await storedFor(block.id, block.publicId);
      expect(second.cases).toHaveLength(1);
      expect(second.cases[0]!.messages.map((m) => m.note)).toEqual(["The samples are not ours.", "One more detail."]);
      await page.context().close();
    },
  );

  it("gives the sender one reference after a review request and a message to compliance: the conversation's", async () => {
    const { block, path } = await createReport({ reason: "ABUSE" });
    const reference = await createOpenAppeal(block);
    const page = await open(path, true);
    await page.locator("#report-message summary").click();
    const form = page.locator("form[aria-label='Report message to compliance']");
    await form.getByLabel("Your note (optional)").fill("Is this about the newsletter?");
    await form.getByRole("button", { name: "Send to compliance" }).click();
    await page.getByText("Sent to compliance").waitFor();
    await page.locator("#report-message summary", { hasText: "Message compliance" }).waitFor();
    const stored = await storedFor(block.id, block.publicId);
    const caseReference = stored.cases[0]!.reference;
    expect(caseReference).not.toBe(reference);
    // The confirmation and the form's introduction name the reference the whole conversation goes by.
    const text = (await page.locator("#actions").textContent()) ?? "";
    expect(text).toContain(`your reference is ${reference}.`);
    expect(text).toContain(`under your reference ${reference}`);
    expect(text).not.toContain(caseReference);
    expect(text).not.toContain(stored.cases[0]!.bundleDigest);
    await page.reload();
    // Everything the sender reads, the timeline included.
    const reloaded = await page.locator("main").innerText();
    expect(reloaded).not.toContain(caseReference);
    expect(new Set(reloaded.match(/\b[AC]-[2-9A-HJKMNP-TV-Z]{6}\b/g))).toEqual(new Set([reference]));
    await page.context().close();
  });

  it.each(MODES)("answers the reviewer's question with JavaScript %s", async (_mode, js) => {
    const { block, path } = await createReport({ reason: "SPAM" });
    const reference = await createOpenAppeal(block);
    await askForInformation(block.id, "Which template did you remove?");
    const page = await open(path, js);
    await page.getByText("Which template did you remove?").first().waitFor();
    const form = page.locator(`form[aria-label='Answer the reviewer (${reference})']`);
    await form.getByRole("button", { name: "Send answer" }).click();
    await page.locator("#reply-body-error").waitFor();
    await expect(page.locator("#reply-body-error").textContent()).resolves.toMatch(/fill in your answer/);

    await form.getByLabel("Your answer").fill("The image-only Black Friday template.");
    await form.getByRole("button", { name: "Send answer" }).dblclick();
    await page.getByText("Review requested: waiting for our compliance team").waitFor();
    await expect(page.locator(`form[aria-label='Answer the reviewer (${reference})']`).count()).resolves.toBe(0);
    const added = `Your answer was added to review request ${reference}`;
    const answer = page.locator("#actions [role=status], #actions [role=alert]", {
      hasText: js ? added : new RegExp(`${added}|If you just sent a reply, it has arrived`),
    });
    await expect(answer.count()).resolves.toBe(1);
    if (js)
      await expect(answer.evaluate((box) => box.parentElement!.contains(document.activeElement))).resolves.toBe(true);
    const stored = await storedFor(block.id, block.publicId);
    expect(stored.appeals[0]!.status).toBe("OPEN");
    expect(stored.appeals[0]!.messages.filter((m) => m.author === "SENDER").map((m) => m.body)).toEqual([
      "The image-only Black Friday template.",
    ]);
    expect(stored.mails).toEqual(["appeal-reply-notice"]);
    await page.context().close();
  });

  it("answers over-long text with a message and keeps it, without JavaScript", async () => {
    const { block, path } = await createReport({ reason: "RATE" });
    const page = await open(path, false);
    await page.locator("#request-review summary").click();
    const form = page.locator("form[aria-label='Request review']");
    const long = "We changed the batching. ".repeat(200);
    await form.getByLabel("What happened and what you fixed").fill(long);
    await form.getByRole("button", { name: "Request review" }).click();
    await page.locator("#review-explanation-error").waitFor();
    await expect(page.locator("#review-explanation-error").textContent()).resolves.toMatch(/4,000 characters or fewer/);
    await expect(valueOf(form.getByLabel("What happened and what you fixed"))).resolves.toBe(long);
    expect((await storedFor(block.id, block.publicId)).appeals).toHaveLength(0);
    await page.context().close();
  });

  it("offers a review only when one may be requested", async () => {
    const lifted = await createReport({ status: "LIFTED" });
    const recent = await createReport();
    await createOpenAppeal(recent.block);
    await declineAppeal(recent.block.id, 1);
    const older = await createReport();
    await createOpenAppeal(older.block);
    await declineAppeal(older.block.id, 25);

    const page = await open(lifted.path, true);
    await expect(page.locator("#request-review").count()).resolves.toBe(0);
    await expect(page.locator("#report-message").count()).resolves.toBe(1);
    await page.goto(recent.path);
    await expect(page.locator("#request-review").count()).resolves.toBe(0);
    await expect(page.locator("#actions").textContent()).resolves.toMatch(/You can request another review from/);
    await page.goto(older.path);
    await expect(page.locator("#request-review").count()).resolves.toBe(1);
    await page.context().close();
  });

  it("has no accessibility violations with the forms open and showing errors", async () => {
    const { path } = await createReport({ reason: "RATE" });
    for (const colorScheme of ["light", "dark"] as const) {
      const page = await openPage(browser, { colorScheme, extraHTTPHeaders: freshClientHeader() });
      await page.goto(path);
      await page.locator("#request-review summary").click();
      await page.locator("form[aria-label='Request review']").getByRole("button", { name: "Request review" }).click();
      await page.getByText("Please check your answers").waitFor();
      await page.locator("#report-message summary").click();
      await expectNoAxeViolations(page, "", { include: "#actions" });
      await page.context().close();
    }
  });
});
