import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { chromiumAvailable, launchBrowser } from "../../support/browser";
import { createTestUser, signedInPage } from "../../support/sign-in";
import { createOpenAppeal, createReport, storedFor } from "../sender-actions/app-data";

/** A new page signed in as a new user of `role`, without JavaScript. */
const signedIn = async (browser: Browser, role: "STAFF" | "ADMIN"): Promise<Page> =>
  signedInPage(browser, (await createTestUser(role, { name: `Template ${role}` })).email, { javaScriptEnabled: false });

describe.runIf(chromiumAvailable())("decision templates without JavaScript", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => browser?.close());

  it("an admin adds one (a refusal keeps the text), a reviewer starts from it, edits it and sends their own words", async () => {
    const title = `Decline: complaints ${randomBytes(3).toString("hex")}`;
    const body = "Complaints from your recipients are still above 0.3 %. Write again once they fall.";
    const admin = await signedIn(browser, "ADMIN");
    await admin.getByRole("link", { name: "Decision templates" }).click();
    const add = admin.locator("form[aria-label='Add a template']");
    await add.getByLabel("Title").fill(title);
    await add.getByLabel("Block reason").selectOption("SPAM");
    await add.getByLabel("Text for the sender").fill(body);
    await add.getByRole("button", { name: "Add template" }).click();
    // No decision chosen: refused, with what was typed kept.
    await admin.getByText("Choose the decision this text is for.").first().waitFor();
    await expect(add.getByLabel("Title").inputValue()).resolves.toBe(title);
    await expect(add.getByLabel("Text for the sender").inputValue()).resolves.toBe(body);
    await add.getByLabel("Decision").selectOption("deny");
    await add.getByRole("button", { name: "Add template" }).click();
    await admin.getByText(`Template “${title}” added.`).waitFor();
    await admin.getByRole("heading", { name: title }).waitFor();

    // A reviewer on a spam block: the picker offers it; choosing fills the form, nothing is sent.
    const { block } = await createReport({ reason: "SPAM" });
    const reference = await createOpenAppeal(block);
    const reviewer = await signedIn(browser, "STAFF");
    await reviewer.goto(`/staff/reports/${block.publicId}`);
    const picker = reviewer.locator("form[aria-label='Start from a template']");
    await picker.getByLabel("Start from a template").selectOption({ label: title });
    await picker.getByRole("button", { name: "Use template" }).click();
    expect(new URL(reviewer.url()).searchParams.get("template")).toMatch(/^[0-9a-f-]{36}$/);
    const form = reviewer.locator(`form[aria-label='Decide on ${reference}']`);
    await expect(form.getByLabel("Decline: the block stays").isChecked()).resolves.toBe(true);
    await expect(form.getByLabel("Reason or question for the sender").inputValue()).resolves.toBe(body);
    expect((await storedFor(block.id, block.publicId)).appeals[0]!.status).toBe("OPEN");

    const edited = `${body} Your last campaign had 41 complaints in 2,000 messages.`;
    await form.getByLabel("Reason or question for the sender").fill(edited);
    await form.getByRole("button", { name: "Record decision" }).click();
    await reviewer.getByText(`Request ${reference} declined`).waitFor();
    expect((await storedFor(block.id, block.publicId)).appeals[0]).toMatchObject({
      status: "DENIED",
      decisionReason: edited,
    });

    // Not offered on a block for another reason.
    const { block: rate } = await createReport({ reason: "RATE" });
    await createOpenAppeal(rate);
    await reviewer.goto(`/staff/reports/${rate.publicId}`);
    await expect(reviewer.locator("#decision-template option", { hasText: title }).count()).resolves.toBe(0);

    // The admin deletes it.
    await admin.goto("/staff/templates");
    await admin.getByRole("button", { name: `Delete template ${title}` }).click();
    await admin.getByText(`Template “${title}” deleted.`).waitFor();
    await admin.goto("/staff/templates");
    await expect(admin.getByRole("heading", { name: title }).count()).resolves.toBe(0);
    for (const page of [admin, reviewer]) await page.context().close();
  });
});
