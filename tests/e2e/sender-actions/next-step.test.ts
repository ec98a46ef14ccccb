import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Locator, Page } from "playwright-core";
import { chromiumAvailable, launchBrowser, openPage } from "../../support/browser";
import { demoReportPath } from "../../support/demo-links";
import {
  askForInformation,
  createCase,
  createOpenAppeal,
  createReport,
  freshClientHeader,
  replyOnCase,
} from "./app-data";

const VIEWPORTS = [
  ["375 px phone", { width: 375, height: 667 }],
  ["1280 px laptop", { width: 1280, height: 720 }],
] as const;

async function inFirstScreen(page: Page, locator: Locator) {
  const box = await locator.boundingBox();
  const height = page.viewportSize()!.height;
  return box !== null && box.y >= 0 && box.y + box.height <= height;
}

async function inView(page: Page, locator: Locator) {
  const box = await locator.boundingBox();
  const height = page.viewportSize()!.height;
  return box !== null && box.y + box.height > 0 && box.y < height;
}

/**
 * After a jump to a form's first field: the field, its label and the form's introduction
 * are all on the screen, not scrolled above its top edge.
 */
async function expectJumpContext(page: Page, fieldId: string, introduction: string) {
  const context = [
    ["field", page.locator(`#${fieldId}`)],
    ["label", page.locator(`label[for='${fieldId}']`)],
    ["introduction", page.getByText(introduction)],
  ] as const;
  for (const [what, locator] of context) await expect(inFirstScreen(page, locator), what).resolves.toBe(true);
}

const activeId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? "");

/*
 * The sender's next step sits in the top panel, beside the status and the reason, and
 * leads to the form itself: opened and focused, with JavaScript on and off.
 */
describe.runIf(chromiumAvailable())("the next step in the report's top panel", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => browser?.close());

  for (const [label, viewport] of VIEWPORTS) {
    it.each([
      ["on", true],
      ["off", false],
    ] as const)(
      `${label}: Request review is on the first screen and opens the form, focused, with JavaScript %s`,
      async (_mode, javaScriptEnabled) => {
        const { path } = await createReport({ reason: "ABUSE" });
        const page = await openPage(browser, { viewport, javaScriptEnabled, extraHTTPHeaders: freshClientHeader() });
        await page.goto(path);
        await expect(page.title()).resolves.toBe(`Blocked: ${await smtpUserOf(page)} — Example Relay`);
        const top = page.locator("section[aria-labelledby='report-title']");
        const primary = top.getByRole("link", { name: "Request review" });
        await expect(inFirstScreen(page, primary)).resolves.toBe(true);
        await expect(inFirstScreen(page, top.getByRole("link", { name: "Ask compliance" }))).resolves.toBe(true);
        await expect(page.locator("#request-review").evaluate((d) => (d as HTMLDetailsElement).open)).resolves.toBe(
          false,
        );

        await primary.click();
        await page.waitForFunction(() => document.activeElement?.id === "review-contactEmail");
        await expect(page.locator("#request-review").evaluate((d) => (d as HTMLDetailsElement).open)).resolves.toBe(
          true,
        );
        await expect(inView(page, page.locator("#review-contactEmail"))).resolves.toBe(true);
        // Not scrolled to the very top edge: the form's introduction and the field's label are in view.
        await expectJumpContext(page, "review-contactEmail", "Once the cause is fixed, tell us what happened");
        // It is the working form: typing goes into it.
        await page.keyboard.type("ops@example.org");
        await expect(page.locator("#review-contactEmail").inputValue()).resolves.toBe("ops@example.org");
        await page.context().close();
      },
    );
  }

  for (const [label, viewport] of VIEWPORTS) {
    it.each([
      ["on", true],
      ["off", false],
    ] as const)(
      `${label}: Ask compliance opens the message form with its introduction and the note's label in view, JavaScript %s`,
      async (_mode, javaScriptEnabled) => {
        const { path } = await createReport({ reason: "SPAM" });
        const page = await openPage(browser, { viewport, javaScriptEnabled, extraHTTPHeaders: freshClientHeader() });
        await page.goto(path);
        await page
          .locator("section[aria-labelledby='report-title']")
          .getByRole("link", { name: "Ask compliance" })
          .click();
        await page.waitForFunction(() => document.activeElement?.id === "case-note");
        await expectJumpContext(page, "case-note", "Sends this report to our compliance team");
        await page.context().close();
      },
    );
  }

  it("sizes the folded forms' buttons to their words on a wide screen, like every other button, and fills the row on a phone", async () => {
    const { path } = await createReport({ reason: "SPAM" });
    const widths = async (viewport: { width: number; height: number }) => {
      const page = await openPage(browser, { viewport, extraHTTPHeaders: freshClientHeader() });
      await page.goto(path);
      const summaries = page.locator("#actions summary");
      await expect(summaries.count()).resolves.toBe(2);
      // Each button's width as a share of the column the forms sit in.
      const closed = await summaries.evaluateAll((nodes) =>
        nodes.map(
          (summary) => summary.getBoundingClientRect().width / summary.closest("details")!.parentElement!.clientWidth,
        ),
      );
      // Opened, the form takes the whole width of the column again.
      await summaries.first().click();
      const open = await page
        .locator("#request-review")
        .evaluate((details) => details.getBoundingClientRect().width / details.parentElement!.clientWidth);
      await page.context().close();
      return { closed, open };
    };
    const wide = await widths({ width: 1280, height: 720 });
    for (const share of wide.closed) expect(share).toBeLessThan(0.4);
    expect(wide.open).toBeCloseTo(1, 2);
    const phone = await widths({ width: 375, height: 667 });
    for (const share of phone.closed) expect(share).toBeGreaterThan(0.95);
  });

  it("says plainly when a block ends by itself before a review would be decided, and when a review is still worth it", async () => {
    const page = await openPage(browser, { extraHTTPHeaders: freshClientHeader() });
    // Expires 3 h after seeding; too few decisions in this database, so the fallback of 24 h applies.
    await page.goto(demoReportPath("spam-expiring"));
    const top = (await page.locator("section[aria-labelledby='report-title']").textContent()) ?? "";
    expect(top).toMatch(
      /This block ends by itself at .+ UTC, before a review would usually be decided \(about 24\u00a0h\)/,
    );
    expect(top).toContain(
      "A review is still worth asking for if you need to send before then, or want the record cleared",
    );
    await expect(page.locator("#actions").textContent()).resolves.toContain(
      "A review usually gets its first decision within about 24\u00a0h",
    );
    const json = await page.request.get(demoReportPath("spam-expiring"), { headers: { accept: "application/json" } });
    const body = (await json.json()) as {
      reviewTimeline: { endsFirst: { text: string } | null; times: { measured: boolean } };
    };
    expect(body.reviewTimeline.times.measured).toBe(false);
    expect(top).toContain(body.reviewTimeline.endsFirst!.text);
    await page.context().close();
  });

  it("leads from step 5 of the remediation to the review form, and Ask compliance to the message form", async () => {
    const { path } = await createReport({ reason: "SPAM" });
    const page = await openPage(browser, { javaScriptEnabled: false, extraHTTPHeaders: freshClientHeader() });
    await page.goto(path);
    await page.locator("#what-to-do").getByRole("link", { name: "Open the review form" }).click();
    await page.waitForFunction(() => document.activeElement?.id === "review-contactEmail");
    await page.goto(path);
    await page.locator("section[aria-labelledby='report-title']").getByRole("link", { name: "Ask compliance" }).click();
    await page.waitForFunction(() => document.activeElement?.id === "case-note");
    await expect(page.locator("#report-message").evaluate((d) => (d as HTMLDetailsElement).open)).resolves.toBe(true);
    await page.context().close();
  });

  it("brings a rejected post without JavaScript back at the form, with the error summary in view and focused", async () => {
    const { path } = await createReport({ reason: "RATE" });
    const page = await openPage(browser, {
      viewport: { width: 375, height: 667 },
      javaScriptEnabled: false,
      extraHTTPHeaders: freshClientHeader(),
    });
    await page.goto(path);
    await page.locator("section[aria-labelledby='report-title']").getByRole("link", { name: "Request review" }).click();
    const form = page.locator("form[aria-label='Request review']");
    await form.getByLabel("What happened and what you fixed").fill("too short");
    await form.getByRole("button", { name: "Request review" }).click();
    await page.getByText("Please check your answers").waitFor();
    expect(new URL(page.url()).hash).toBe("#review-alert");
    // The browser scrolls to the fragment and focuses it once the page has loaded, which
    // can come a moment after the text is in the document: wait for the load, then check.
    await page.waitForLoadState("load");
    await page.waitForFunction(() => document.activeElement?.id === "review-alert");
    const summary = page.locator("#review-alert");
    await expect(inView(page, summary)).resolves.toBe(true);
    await expect(activeId(page)).resolves.toBe("review-alert");
    await expect(page.evaluate(() => window.scrollY)).resolves.toBeGreaterThan(500);
    await expect(form.getByLabel("What happened and what you fixed").inputValue()).resolves.toBe("too short");
    await page.context().close();
  });

  it.each([
    ["on", true],
    ["off", false],
  ] as const)(
    "says in the top panel that the reviewer asked a question and leads straight to it and its reply box, JavaScript %s",
    async (_mode, javaScriptEnabled) => {
      const { block, path } = await createReport({ reason: "SPAM" });
      const reference = await createOpenAppeal(block);
      await askForInformation(block.id, "Which template did you remove?");
      const page = await openPage(browser, {
        viewport: { width: 375, height: 667 },
        javaScriptEnabled,
        extraHTTPHeaders: freshClientHeader(),
      });
      await page.goto(path);
      const top = page.locator("section[aria-labelledby='report-title']");
      await expect(top.textContent()).resolves.toContain(
        `The reviewer asked you a question about your review request (${reference})`,
      );
      const go = top.getByRole("link", { name: "Read the question and answer" });
      await expect(inFirstScreen(page, go)).resolves.toBe(true);
      await go.click();
      await page.waitForFunction(() => document.activeElement?.id === "reviewer-question");
      const question = page.locator("#reviewer-question");
      await expect(inView(page, question.getByText("Which template did you remove?"))).resolves.toBe(true);
      // Nothing between the question and its reply box: the form follows the question directly.
      await expect(
        question.evaluate((box) => {
          const quote = box.querySelector("blockquote")!.parentElement!;
          return quote.nextElementSibling?.tagName;
        }),
      ).resolves.toBe("FORM");
      await expect(question.getByLabel("Your answer").count()).resolves.toBe(1);
      await page.context().close();
    },
  );

  it.each([
    ["on", true],
    ["off", false],
  ] as const)(
    "says in the top panel that compliance replied on the case, quotes it briefly and leads to it, opened, JavaScript %s",
    async (_mode, javaScriptEnabled) => {
      const { block, path } = await createReport({ reason: "ABUSE" });
      const reference = await createOpenAppeal(block);
      const caseReference = await createCase(path, "Is this about the newsletter?");
      const reply = `Please change the SMTP password of newsletter-app now: someone signed in to it from an unknown network. Then tell us here. ${"We checked the logs of the last week. ".repeat(4)}`;
      await replyOnCase(caseReference, reply);
      const page = await openPage(browser, {
        viewport: { width: 375, height: 667 },
        javaScriptEnabled,
        extraHTTPHeaders: freshClientHeader(),
      });
      await page.goto(path);
      const top = page.locator("section[aria-labelledby='report-title']");
      const text = (await top.textContent()) ?? "";
      expect(text).toContain("Compliance replied to you");
      expect(text).toContain("Please change the SMTP password of newsletter-app now");
      // A short excerpt, not the whole reply; the review request is still said.
      expect(text).not.toContain(reply.trim());
      expect(text).toContain(`Your review request (${reference}) still awaits a decision.`);
      await expect(page.locator("#actions").textContent()).resolves.toContain("With our compliance team: they replied");
      const go = top.getByRole("link", { name: "Read the reply" });
      await expect(inFirstScreen(page, go)).resolves.toBe(true);
      // Folded by the reader: the jump opens it again.
      await page.locator("#conversation > summary").click();
      await expect(page.locator("#conversation").evaluate((d) => (d as HTMLDetailsElement).open)).resolves.toBe(false);
      await go.click();
      await page.waitForFunction(() => (document.querySelector("#conversation") as HTMLDetailsElement).open);
      await page.waitForFunction(() => location.hash === "#compliance-reply");
      const target = page.locator("#compliance-reply");
      await expect(target.textContent()).resolves.toContain("Compliance replied");
      await expect(inView(page, target.getByText("Please change the SMTP password", { exact: false }))).resolves.toBe(
        true,
      );
      await page.context().close();

      // Once the sender writes again the reply is answered: the top panel no longer announces it.
      await createCase(path, "Done: the password is changed.");
      const later = await openPage(browser, { javaScriptEnabled, extraHTTPHeaders: freshClientHeader() });
      await later.goto(path);
      const after = (await later.locator("section[aria-labelledby='report-title']").textContent()) ?? "";
      expect(after).not.toContain("Compliance replied to you");
      await expect(later.locator("#compliance-reply").count()).resolves.toBe(0);
      await later.context().close();
    },
  );
});

async function smtpUserOf(page: Page): Promise<string> {
  const headline = (await page.locator("h1").textContent()) ?? "";
  return /SMTP user (\S+)/.exec(headline)?.[1] ?? "";
}
