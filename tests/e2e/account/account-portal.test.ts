import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { inject } from "vitest";
import { DEMO_ACCOUNTS, DEMO_LOGINS } from "@/prisma/seed/demo-content";
import { expectAccessibleAt375 } from "../../support/a11y";
import { chromiumAvailable, launchBrowser, openPage } from "../../support/browser";
import { completeSignIn } from "../../support/sign-in";
import { freshClientHeader } from "../sender-actions/app-data";
import { createAccountBlock, createOwnedAccount, signedInContext } from "./account-support";

const OWNER = DEMO_LOGINS.find((login) => login.email === "owner@northwind.example")!;

async function signInAsDemoOwner(page: Page) {
  await page.goto("/sign-in");
  await completeSignIn(page, OWNER.email, OWNER.password);
  expect(new URL(page.url()).pathname).toBe("/account");
  await page.getByRole("heading", { name: "Overview", level: 1 }).waitFor();
}

async function ownerEvents(blockId: string) {
  process.env.DATABASE_URL = inject("appDatabaseUrl");
  const { getDb } = await import("@/lib/db/client");
  return getDb().event.findMany({
    where: { blockId, actorType: "OWNER" },
    select: { type: true, actorId: true },
    orderBy: { id: "asc" },
  });
}

describe.runIf(chromiumAvailable())("the owner portal in Chromium", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => browser?.close());

  it.each([
    ["on", true],
    ["off", false],
  ] as const)(
    "the demo owner finds a block of one SMTP user, requests a review and replaces the link, with JavaScript %s",
    async (_mode, javaScriptEnabled) => {
      const { block, smtpUser, path } = await createAccountBlock(DEMO_ACCOUNTS[0].id, { reason: "RATE" });
      const page = await openPage(browser, { javaScriptEnabled, extraHTTPHeaders: freshClientHeader() });
      await signInAsDemoOwner(page);
      const card = page.locator("#smtp-users > div > ul > li", {
        has: page.getByRole("heading", { name: smtpUser.username }),
      });
      await card.getByRole("link", { name: `Open report ${block.publicId}` }).waitFor();
      await expect(card.textContent()).resolves.toMatch(/Blocked[\s\S]*Sending rate since/);
      await expect(card.textContent()).resolves.not.toContain("Not blocked");

      // The history, filtered to this SMTP user: the filter is in the URL.
      await page.getByRole("link", { name: "Block history" }).click();
      await page.getByRole("heading", { name: "Block history", level: 1 }).waitFor();
      await page.getByLabel("SMTP user").selectOption({ label: smtpUser.username });
      await page.getByRole("button", { name: "Apply filters" }).click();
      await page.waitForURL((url) => url.searchParams.get("smtpUser") === smtpUser.id);
      const rows = page.locator("#blocks tbody tr");
      await expect(rows.count()).resolves.toBe(1);
      await expect(page.getByLabel("SMTP user").inputValue()).resolves.toBe(smtpUser.id);
      // The back button returns to the unfiltered history, and forward to the filtered one.
      await page.goBack();
      await page.waitForURL((url) => url.pathname === "/account/blocks" && !url.searchParams.has("smtpUser"));
      await expect(page.getByLabel("SMTP user").inputValue()).resolves.toBe("");
      await page.goForward();
      await page.waitForURL((url) => url.searchParams.get("smtpUser") === smtpUser.id);
      await expect(rows.count()).resolves.toBe(1);

      await rows.getByRole("link", { name: block.publicId }).click();
      await page.waitForURL((url) => url.pathname === `/account/blocks/${block.publicId}`);
      await page.getByRole("heading", { name: /is being rejected/ }).waitFor();

      // Request a review as the sender would, from the portal.
      await page.locator("#request-review summary").click();
      const form = page.locator("form[aria-label='Request review']");
      await form.getByLabel("Your email address").fill("ops@northwind.example");
      await form
        .getByLabel("What happened and what you fixed")
        .fill("A retry loop resent the newsletter; it is fixed and throttled.");
      await form.getByLabel("The new sending rate or batching").fill("At most 200 messages per minute.");
      await form.getByLabel("The traffic that caused this block has stopped.").check();
      await form.getByRole("button", { name: "Request review" }).click();
      await page.getByText(/review request A-[0-9A-Z-]+ was received/).waitFor();
      await page
        .locator("#requests")
        .getByText("With compliance")
        .or(page.locator("#requests").getByText("To decide"))
        .first()
        .waitFor();

      // The current link is the one the bounce gave the sender, to copy (a button only with JavaScript).
      const link = page.getByLabel("Current report link");
      const current = new URL(await link.inputValue());
      expect(`${current.pathname}${current.search}`).toBe(path);
      const copy = page.getByRole("button", { name: "Copy link" });
      if (javaScriptEnabled) {
        await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
        await copy.click();
        await page.getByRole("status").filter({ hasText: "Copied" }).waitFor();
        expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(current.href);
      } else {
        await expect(copy.count()).resolves.toBe(0);
      }

      // Replace the link: a secondary button that first asks; Cancel leaves the link as it is.
      const replace = page.getByRole("button", { name: "Replace the link", exact: true });
      expect(await replace.getAttribute("class")).toContain("bg-surface");
      await replace.click();
      await page.getByText("The link the sender has stops working at once and for good").waitFor();
      // The question is in view, after the post without JavaScript too (the form comes back at it).
      const inView = () =>
        page.locator("#rotate-link-answer").evaluate((el) => {
          const box = el.getBoundingClientRect();
          return box.top >= 0 && box.top < window.innerHeight;
        });
      await expect.poll(inView).toBe(true);
      await page.getByRole("button", { name: "Cancel" }).click();
      await replace.waitFor();
      expect(await link.inputValue()).toBe(current.href);
      expect(await ownerEvents(block.id)).toEqual([{ type: "APPEAL_SUBMITTED", actorId: expect.any(String) }]);
      // Confirmed: the old one is gone, the new one is the current link, to send to the sender, and opens the report.
      await replace.click();
      await page.getByRole("button", { name: "Yes, replace the link" }).click();
      await page.getByText("Send the new link, shown above as the current link, to the sender.").waitFor();
      await page.getByText("it now shows “This report link was replaced”").waitFor();
      await expect.poll(() => link.inputValue()).not.toBe(current.href);
      const fresh = new URL(await link.inputValue());
      expect(fresh.searchParams.get("id")).toBe(block.publicId);
      expect(await ownerEvents(block.id)).toEqual([
        { type: "APPEAL_SUBMITTED", actorId: expect.any(String) },
        { type: "LINK_ROTATED", actorId: expect.any(String) },
      ]);

      const sender = await openPage(browser, { javaScriptEnabled, extraHTTPHeaders: freshClientHeader() });
      expect((await sender.goto(path))!.status()).toBe(410);
      await sender.getByRole("heading", { name: "This report link was replaced" }).waitFor();
      // The old link's page sends the sender to the owner, who has the new link, or to compliance
      // with the report's number; not to "find your report", which would lead back to it.
      const gone = (await sender.locator("main").textContent()) ?? "";
      expect(gone).toContain("The owner of the account you send mail through replaced it with a new link.");
      expect(gone).toContain(`quote report ${block.publicId}.`);
      await expect(sender.getByRole("link", { name: "Find your report" }).count()).resolves.toBe(0);
      expect((await sender.goto(`${fresh.pathname}${fresh.search}`))!.status()).toBe(200);
      await sender.getByRole("heading", { name: /is being rejected while we review it/ }).waitFor();
      await sender.context().close();
      await page.context().close();
    },
  );

  it("shows a sender address's and an SMTP user's bidi controls and invisible characters as visible markers, and defangs their links, on every page that names them", async () => {
    const { owner, block, smtpUser, path } = await createOwnedAccount();
    process.env.DATABASE_URL = inject("appDatabaseUrl");
    const { getDb } = await import("@/lib/db/client");
    await getDb().block.update({
      where: { id: block.id },
      data: { senderAddress: "invoice\u202Efdp.exe\u200B@e2e.example" },
    });
    await getDb().smtpUser.update({
      where: { id: smtpUser.id },
      data: { username: `app\u202Egnp.exe https://evil.example/login ${smtpUser.username}` },
    });
    const address = "invoice⟨U+202E⟩fdp.exe⟨U+200B⟩@e2e.example";
    const login = `app⟨U+202E⟩gnp.exe hxxps://evil[.]example/login ${smtpUser.username}`;
    const context = await signedInContext(browser, owner.email);
    const page = await context.newPage();
    // The overview and the history, the owner's report page and the sender's own (by its link).
    for (const at of [
      "/account?smtpUsers=all",
      `/account/blocks?q=${block.publicId}`,
      `/account/blocks/${block.publicId}`,
      path,
    ]) {
      await page.goto(at);
      const text = await page.evaluate(() => `${document.title}\n${document.body.innerText}`);
      expect(text, at).toContain(address);
      expect(text, at).toContain(login);
      expect(text, at).not.toMatch(/[\u202E\u200B]/);
      expect(text, at).not.toContain("https://evil.example");
    }
    expect(await page.title()).toContain(address);
    await context.close();
  });

  it("marks a reason's column segment with its legend's shape, not colour alone, and counts one block as one", async () => {
    const { owner } = await createOwnedAccount(); // one block, for sending rate (▲)
    const context = await signedInContext(browser, owner.email);
    const page = await context.newPage();
    await page.goto("/account");
    const trend = page.locator("#trend");
    await expect(trend.locator("svg[role=img] text").allTextContents()).resolves.toContain("▲");
    await expect(trend.textContent()).resolves.toContain("1 block in 12 weeks.");
    // A reversed date range says why nothing matches, instead of an empty list alone.
    await page.goto("/account/blocks?from=2026-12-10&to=2026-12-01");
    await page.getByText("“To” is before “From”, so nothing can match: swap the two days.").waitFor();
    await expect(page.getByLabel("To (UTC, included)").getAttribute("aria-invalid")).resolves.toBe("true");
    await context.close();
  });

  it("has no accessibility violations and no sideways scrolling at 375 px, light and dark", async () => {
    const { block, smtpUser } = await createAccountBlock(DEMO_ACCOUNTS[0].id, { reason: "SPAM" });
    const check = expectAccessibleAt375;
    for (const colorScheme of ["light", "dark"] as const) {
      const page = await openPage(browser, {
        colorScheme,
        viewport: { width: 375, height: 800 },
        extraHTTPHeaders: freshClientHeader(),
      });
      await signInAsDemoOwner(page);
      await check(page, `overview ${colorScheme}`);
      await page.goto(`/account/blocks?smtpUser=${smtpUser.id}&order=oldest`);
      await check(page, `history ${colorScheme}`);
      await page.goto(`/account/blocks/${block.publicId}`);
      await check(page, `report ${colorScheme}`);
      // The question "Replace the link" asks before anything changes.
      await page.getByRole("button", { name: "Replace the link", exact: true }).click();
      await page.getByRole("button", { name: "Yes, replace the link" }).waitFor();
      await check(page, `report, replace the link? ${colorScheme}`);
      for (const path of ["/account/notifications", "/password"]) {
        await page.goto(path);
        await check(page, `${path} ${colorScheme}`);
      }
      await page.context().close();
    }
  });
});
