import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { inject } from "vitest";
import { chromiumAvailable, launchBrowser, openPage } from "../../support/browser";
import { createTestUser, signedInPage } from "../../support/sign-in";
import { createOpenAppeal, createReport, freshClientHeader, storedFor } from "../sender-actions/app-data";

async function appDb() {
  process.env.DATABASE_URL = inject("appDatabaseUrl");
  return (await import("@/lib/db/client")).getDb();
}

const createUser = async (role: "STAFF" | "ADMIN", name: string) => (await createTestUser(role, { name })).email;

describe.runIf(chromiumAvailable())("two reviewers, the sender and an admin in Chromium", () => {
  let browser: Browser;
  let robinEmail: string;
  let samEmail: string;
  let adaEmail: string;
  beforeAll(async () => {
    browser = await launchBrowser();
    [robinEmail, samEmail, adaEmail] = await Promise.all([
      createUser("STAFF", "Robin Reviewer"),
      createUser("STAFF", "Sam Second"),
      createUser("ADMIN", "Ada Admin"),
    ]);
  });
  afterAll(async () => browser?.close());

  it("claim the oldest request, ask, the sender answers, the other reviewer is refused, approve, an admin reverses: the sender's page follows", async () => {
    const { block, path } = await createReport({ reason: "SPAM" });
    const reference = await createOpenAppeal(block);
    // The oldest request in the queue: submitted long before anything else in the e2e data.
    const db = await appDb();
    await db.block.update({
      where: { id: block.id },
      data: { createdAt: new Date(Date.now() - 3 * 365 * 86_400_000) },
    });
    await db.appeal.update({
      where: { reference },
      data: { createdAt: new Date(Date.now() - 3 * 365 * 86_400_000 + 60_000) },
    });

    // Robin opens the queue, takes the first request (the oldest) and asks a question.
    const robin = await signedInPage(browser, robinEmail);
    const first = robin.locator("#to-decide tbody tr").first().getByRole("link", { name: reference });
    await first.click();
    await robin.waitForURL(`**/staff/reports/${block.publicId}`);
    await robin
      .locator(`form[aria-label='Claim ${reference}']`)
      .getByRole("button", { name: "Claim", exact: true })
      .click();
    await robin.getByText(`You have claimed ${reference}`).waitFor();
    const robinForm = robin.locator(`form[aria-label='Decide on ${reference}']`);
    await robinForm.getByLabel("Ask the sender for more information").check();
    await robinForm
      .getByLabel("Reason or question for the sender")
      .fill("Which list did the campaign of 3 December go to?");
    await robinForm.getByRole("button", { name: "Record decision" }).click();
    await robin.getByText(`Your question on ${reference} is sent`).waitFor();

    // The sender answers on the report page.
    const sender = await openPage(browser, { extraHTTPHeaders: freshClientHeader() });
    await sender.goto(path);
    await sender.getByText("Which list did the campaign of 3 December go to?").first().waitFor();
    const answer = sender.locator(`form[aria-label='Answer the reviewer (${reference})']`);
    await answer.getByLabel("Your answer").fill("Our own newsletter list; the purchased list is deleted.");
    await answer.getByRole("button", { name: "Send answer" }).click();
    await sender.getByText("Review requested: waiting for our compliance team").waitFor();

    // Sam may not decide what Robin holds, and is not offered to take it over.
    const sam = await signedInPage(browser, samEmail);
    await sam.goto(`/staff/reports/${block.publicId}`);
    await sam.getByText("Robin Reviewer has claimed this since").waitFor();
    await expect(
      sam.locator(`form[aria-label='Claim ${reference}']`).getByRole("button", { name: "Claim", exact: true }).count(),
    ).resolves.toBe(0);
    const samForm = sam.locator(`form[aria-label='Decide on ${reference}']`);
    await samForm.getByLabel("Approve and lift the block").check();
    await samForm.getByLabel("Reason or question for the sender").fill("Looks fine to me; lifting the block now.");
    await samForm.getByRole("button", { name: "Record decision" }).click();
    await sam.getByText(`Robin Reviewer has claimed ${reference}`).waitFor();
    expect((await storedFor(block.id, block.publicId)).appeals[0]!.status).toBe("OPEN");

    // Robin approves; the sender's page shows the block lifted, with the reason.
    const approval = "Newsletter list confirmed and the purchased list deleted; lifting the block.";
    await robin.reload();
    await robinForm.getByLabel("Approve and lift the block").check();
    await robinForm.getByLabel("Reason or question for the sender").fill(approval);
    await robinForm.getByRole("button", { name: "Record decision" }).click();
    await robin.getByText(`Request ${reference} approved and the block lifted`).waitFor();
    await sender.goto(path);
    await sender.getByRole("heading", { level: 1, name: /is accepted again/ }).waitFor();
    await expect(sender.getByText("Why it was lifted:").locator("..").textContent()).resolves.toContain(approval);
    await sender.getByText("Review approved", { exact: true }).waitFor();

    // Ada reverses the approval; the block is in force again on the sender's page.
    const reversal = "The samples still carry the purchased list's tracking domain; the block is back in force.";
    const ada = await signedInPage(browser, adaEmail);
    await ada.goto(`/staff/reports/${block.publicId}`);
    const reverse = ada.locator(`form[aria-label='Reverse the decision on ${reference}']`);
    await reverse.getByRole("button", { name: "Reverse the approval" }).click();
    await reverse.locator("#reverse-reason-error").waitFor();
    await reverse.getByLabel("Reason for the reversal").fill(reversal);
    await reverse.getByRole("button", { name: "Reverse the approval" }).click();
    await ada
      .getByText(`The approval of ${reference} is reversed: the request is declined and the block is back in force.`)
      .waitFor();
    // Robin's page, still showing the reversal form's absence (not an admin): no such form for staff.
    await robin.reload();
    await expect(robin.locator(`form[aria-label='Reverse the decision on ${reference}']`).count()).resolves.toBe(0);

    await sender.goto(path);
    await sender.getByRole("heading", { level: 1, name: /is being rejected/ }).waitFor();
    await sender.getByText("Review declined: the block stays", { exact: true }).waitFor();
    await expect(sender.getByText(reversal).count()).resolves.toBeGreaterThan(0);
    await expect(sender.getByText("Why it was lifted:").count()).resolves.toBe(0);
    await sender.getByText("Review decision reversed: declined, block back in force").waitFor();

    const stored = await storedFor(block.id, block.publicId);
    expect(stored.status).toBe("ACTIVE");
    expect(stored.appeals[0]).toMatchObject({ status: "DENIED", decisionReason: reversal });
    expect(
      stored.mailJobs
        .filter((mail) => mail.template === "appeal-decided")
        .map((mail) => [mail.data.outcome, mail.data.reversed ?? false]),
    ).toEqual([
      ["NEEDS_INFO", false],
      ["APPROVED", false],
      ["DENIED", true],
    ]);
    for (const page of [robin, sam, sender, ada]) await page.context().close();
  });
});
