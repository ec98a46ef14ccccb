import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { expectAccessibleAt375 } from "../../support/a11y";
import { chromiumAvailable, launchBrowser, openPage } from "../../support/browser";
import { createTestUser, signedInPage } from "../../support/sign-in";
import { createOpenAppeal, createReport, freshClientHeader, storedFor } from "../sender-actions/app-data";

const createUser = async (role: "STAFF" | "ADMIN", name: string) => (await createTestUser(role, { name })).email;

describe.runIf(chromiumAvailable())("triage and accountability in Chromium", () => {
  let browser: Browser;
  let first: string;
  let second: string;
  let admin: string;
  beforeAll(async () => {
    browser = await launchBrowser();
    [first, second, admin] = await Promise.all([
      createUser("STAFF", "Robin Reviewer"),
      createUser("STAFF", "Sam Second"),
      createUser("ADMIN", "Ada Admin"),
    ]);
  });
  afterAll(async () => browser?.close());

  it("two reviewers without JavaScript: search finds the request, one claims it, the other is refused, the claimer decides", async () => {
    const { block } = await createReport({ reason: "SPAM" });
    const reference = await createOpenAppeal(block);
    const robin = await signedInPage(browser, first, { javaScriptEnabled: false });
    const sam = await signedInPage(browser, second, { javaScriptEnabled: false });

    // The filter form is a GET form: its state is in the URL.
    await robin.getByLabel("Search", { exact: true }).fill(reference);
    await robin.getByRole("button", { name: "Apply filters" }).click();
    expect(new URL(robin.url()).searchParams.get("q")).toBe(reference);
    await expect(robin.locator("#to-decide h2").textContent()).resolves.toContain("(1)");
    await robin.locator("#to-decide").getByRole("link", { name: reference }).click();
    const claimForm = (page: Page) => page.locator(`form[aria-label='Claim ${reference}']`);
    await claimForm(robin).getByRole("button", { name: "Claim", exact: true }).click();
    await robin.getByText(`You have claimed ${reference}`).waitFor();

    await sam.goto(`/staff?q=${reference}`);
    await expect(sam.locator("#to-decide").textContent()).resolves.toContain("Robin Reviewer, since");
    await sam.goto(`/staff?q=${reference}&assignee=unassigned`);
    await expect(sam.locator("#to-decide").getByRole("link", { name: reference }).count()).resolves.toBe(0);
    // Too short to search: the field says why every list is empty.
    await sam.goto("/staff?q=ab");
    await expect(sam.getByLabel("Search", { exact: true }).getAttribute("aria-invalid")).resolves.toBe("true");
    await sam.getByText("Type at least 3 characters: a shorter search matches nothing.").waitFor();
    await sam.goto(`/staff/reports/${block.publicId}`);
    await expect(claimForm(sam).getByRole("button", { name: "Claim", exact: true }).count()).resolves.toBe(0);
    const decide = sam.locator(`form[aria-label='Decide on ${reference}']`);
    await decide.getByLabel("Approve and lift the block").check();
    await decide.getByLabel("Reason or question for the sender").fill("Looks fine to me; lifting the block now.");
    await decide.getByRole("button", { name: "Record decision" }).click();
    await sam.getByText(`Robin Reviewer has claimed ${reference}`).waitFor();
    await decide.getByText("Decision not recorded", { exact: true }).waitFor();
    // The refused form keeps what Sam typed.
    await expect(decide.getByLabel("Reason or question for the sender").inputValue()).resolves.toBe(
      "Looks fine to me; lifting the block now.",
    );
    expect((await storedFor(block.id, block.publicId)).appeals[0]!.status).toBe("OPEN");

    await robin.goto(`/staff/reports/${block.publicId}`);
    const mine = robin.locator(`form[aria-label='Decide on ${reference}']`);
    await mine.getByLabel("Approve and lift the block").check();
    await mine.getByLabel("Reason or question for the sender").fill("Opt-in confirmed and the list is gone; lifting.");
    await mine.getByRole("button", { name: "Record decision" }).click();
    await robin.getByText(`Request ${reference} approved and the block lifted`).waitFor();
    expect((await storedFor(block.id, block.publicId)).status).toBe("LIFTED");
    await robin.context().close();
    await sam.context().close();
  });

  it("an admin reassigns a claimed request and sees it all in the audit log, with a spreadsheet-safe CSV", async () => {
    const { block } = await createReport({ reason: "ABUSE" });
    const reference = await createOpenAppeal(block);
    const robin = await signedInPage(browser, first);
    await robin.goto(`/staff/reports/${block.publicId}`);
    await robin
      .locator(`form[aria-label='Claim ${reference}']`)
      .getByRole("button", { name: "Claim", exact: true })
      .click();
    await robin.getByText(`You have claimed ${reference}`).waitFor();

    const ada = await signedInPage(browser, admin);
    await ada.goto(`/staff/reports/${block.publicId}`);
    const form = ada.locator(`form[aria-label='Claim ${reference}']`);
    await form.getByLabel("Reassign to").selectOption({ label: `Sam Second (${second})` });
    await form.getByRole("button", { name: "Reassign" }).click();
    await ada.getByText(`${reference} is now claimed by Sam Second.`).waitFor();
    // Sam holds it now: Robin's claim is gone.
    await robin.reload();
    await robin.getByText("Sam Second has claimed this since").waitFor();

    await ada.goto(`/staff/audit?target=${reference}`);
    const rows = ada.locator("#entries tbody tr");
    await expect(rows.count()).resolves.toBe(2);
    await expect(rows.nth(0).textContent()).resolves.toContain("Reassigned");
    await expect(rows.nth(1).textContent()).resolves.toContain("Robin Reviewer");

    const csv = await ada.evaluate(async (query) => {
      const response = await fetch(`/staff/audit/export?${query}`);
      return {
        type: response.headers.get("content-type"),
        disposition: response.headers.get("content-disposition"),
        text: await response.text(),
      };
    }, `target=${reference}`);
    expect(csv.type).toContain("text/csv");
    expect(csv.disposition).toMatch(/^attachment; filename="audit-log-/);
    const lines = csv.text.trimEnd().split("\r\n");
    expect(lines[0]).toBe("time_utc,actor_email,actor_name,action,detail,target,report_id,reason,client");
    expect(lines.slice(1).map((line) => line.split(",")[3])).toEqual(["REASSIGN", "CLAIM"]);
    await robin.context().close();
    await ada.context().close();
  });

  it("exports a formula-looking failed sign-in address as text", async () => {
    // An address a spreadsheet would run: valid as an email, typed into the sign-in form.
    const hostile = `+cmd-${randomBytes(3).toString("hex")}@example.net`;
    const page = await openPage(browser, { javaScriptEnabled: false, extraHTTPHeaders: freshClientHeader() });
    await page.goto("/sign-in");
    await page.getByLabel("Email address").fill(hostile);
    await page.getByLabel("Password").fill("whatever it is");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByText("do not match a login").waitFor();
    const ada = await signedInPage(browser, admin);
    const text = await ada.evaluate(
      async (actor) => (await fetch(`/staff/audit/export?actor=${encodeURIComponent(actor)}`)).text(),
      hostile,
    );
    const [, row] = text.trimEnd().split("\r\n");
    expect(row).toContain(`,'${hostile},`);
    expect(row).toContain("SIGN_IN_FAILED");
    expect(row).toContain("wrong email or password");
    await page.context().close();
    await ada.context().close();
  });

  it("metrics and audit pages: no accessibility violations and no sideways scrolling at 375 px, light and dark", async () => {
    for (const colorScheme of ["light", "dark"] as const) {
      const page = await signedInPage(browser, admin, { colorScheme, viewport: { width: 375, height: 800 } });
      for (const path of ["/staff/metrics", "/staff/audit", "/staff?reason=SPAM&assignee=unassigned"]) {
        await page.goto(path);
        await expectAccessibleAt375(page, `${path} ${colorScheme}`);
      }
      await page.context().close();
    }
  });
});
