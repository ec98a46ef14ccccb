import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, Locator, Page } from "playwright-core";
import { expectAccessibleAt375, expectNoAxeViolations } from "../../support/a11y";
import { chromiumAvailable, launchBrowser } from "../../support/browser";
import { createTestUser, signedInPage } from "../../support/sign-in";
import { createOpenAppeal, createReport } from "../sender-actions/app-data";

/*
 * The console's report page uses a wide screen: from 1280 px the decision stays beside the
 * request and the evidence while they scroll, so a reviewer reads and decides without going
 * back up. Below that it is one column, the decision right after the request.
 */

/** A sender who wrote at length: the request alone fills more than a screen. */
const LONG_EXPLANATION = Array.from(
  { length: 12 },
  (_, i) =>
    `Step ${i + 1}: we went through the campaign's list, removed addresses without a recorded opt-in and checked the bounce logs for the week before the block, which took most of a day.`,
).join("\n\n");

async function spamReportWithLongRequest() {
  const { block } = await createReport({ reason: "SPAM" });
  const reference = await createOpenAppeal(block);
  process.env.DATABASE_URL = inject("appDatabaseUrl");
  const { getDb } = await import("@/lib/db/client");
  await getDb().appeal.update({ where: { reference }, data: { explanation: LONG_EXPLANATION } });
  // With a template to start from, the Decide column is at its tallest for an unclaimed request.
  await getDb().decisionTemplate.create({
    data: {
      title: `List cleaned: lift ${reference}`,
      decision: "approve",
      reason: "SPAM",
      body: "Thank you: the block is lifted.",
    },
  });
  return { block, reference };
}

/** The whole element is inside the window, not just a part of it. */
async function fullyInView(page: Page, locator: Locator): Promise<boolean> {
  const box = await locator.boundingBox();
  const { width, height } = page.viewportSize()!;
  return box !== null && box.y >= 0 && box.x >= 0 && box.y + box.height <= height && box.x + box.width <= width;
}

const evidenceHeading = (page: Page) => page.getByRole("heading", { name: "Evidence", exact: true });

describe.runIf(chromiumAvailable())("the console's report page at a wide screen and a phone", () => {
  let browser: Browser;
  let email: string;
  beforeAll(async () => {
    browser = await launchBrowser();
    email = (await createTestUser("STAFF", { name: "Layout Reviewer" })).email;
  });
  afterAll(async () => browser?.close());

  it.each(["light", "dark"] as const)(
    "at 1280×800 (%s) keeps the decision form in view beside the evidence, and the lift beside it without a request",
    async (colorScheme) => {
      const { block } = await spamReportWithLongRequest();
      const page = await signedInPage(browser, email, { colorScheme, viewport: { width: 1280, height: 800 } });
      await page.goto(`/staff/reports/${block.publicId}`);
      await expect(page.getByRole("combobox", { name: "Start from a template" }).isVisible()).resolves.toBe(true);
      await evidenceHeading(page).scrollIntoViewIfNeeded();
      await expect(fullyInView(page, evidenceHeading(page))).resolves.toBe(true);
      await expect(fullyInView(page, page.getByRole("button", { name: "Record decision" }))).resolves.toBe(true);
      await expect(fullyInView(page, page.getByLabel("Reason or question for the sender"))).resolves.toBe(true);
      await expectNoAxeViolations(page, `request ${colorScheme}`);

      // No request: the side column says so and offers the lift, in view beside the evidence too.
      const { block: unrequested } = await createReport({ reason: "ABUSE" });
      await page.goto(`/staff/reports/${unrequested.publicId}`);
      const decide = page.locator("#decide");
      await expect(decide.textContent()).resolves.toContain("The sender has not requested a review");
      await evidenceHeading(page).scrollIntoViewIfNeeded();
      await expect(fullyInView(page, page.getByRole("button", { name: "Lift block" }))).resolves.toBe(true);
      await expect(fullyInView(page, decide.getByText("The sender has not requested a review"))).resolves.toBe(true);
      await expectNoAxeViolations(page, `no request ${colorScheme}`);
      await page.context().close();
    },
  );

  it("at 375 px is one column without sideways scrolling, the decision form before the evidence", async () => {
    const { block, reference } = await spamReportWithLongRequest();
    const page = await signedInPage(browser, email, { viewport: { width: 375, height: 800 } });
    await page.goto(`/staff/reports/${block.publicId}`);
    await expectAccessibleAt375(page, "report at 375 px");
    const order = await page.evaluate((reference) => {
      const form = document.querySelector(`form[aria-label="Decide on ${reference}"]`);
      const request = document.querySelector(`article[aria-labelledby="appeal-${reference}"]`);
      const evidence = [...document.querySelectorAll("h2")].find((h) => h.textContent === "Evidence");
      if (!form || !request || !evidence) return "missing";
      const before = (a: Node, b: Node) => Boolean(a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING);
      return before(request, form) && before(form, evidence) ? "request, decision, evidence" : "out of order";
    }, reference);
    expect(order).toBe("request, decision, evidence");
    // One column: the decision form is laid out below the request, not beside it.
    const request = (await page.locator(`article[aria-labelledby="appeal-${reference}"]`).boundingBox())!;
    const form = (await page.locator(`form[aria-label="Decide on ${reference}"]`).boundingBox())!;
    expect(form.y).toBeGreaterThan(request.y + request.height);
    await page.context().close();
  });
});
