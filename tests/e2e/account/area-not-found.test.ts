import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { expectAccessibleAt375 } from "../../support/a11y";
import { chromiumAvailable, launchBrowser } from "../../support/browser";
import { signedInPage } from "../../support/sign-in";
import { createLogin, createOwnedAccount, signedInContext } from "./account-support";

/*
 * The 404s of the owner portal and the console: another account's report, an admin page
 * opened by a reviewer, the portal opened by staff, a report id that matches nothing. Each
 * answers 404 with a page rendered on the server (Next's notFound() alone left the body
 * empty without JavaScript), in the visitor's own area (its header and menu), saying why in
 * their words, with the way back.
 */

/** The HTML a browser without JavaScript shows: scripts and templates (inert until a script uses them) dropped. */
const visibleHtml = (html: string) =>
  html.replace(/<script\b[\s\S]*?<\/script>/g, "").replace(/<template\b[\s\S]*?<\/template>/g, "");
/** Its text, as read. */
const textOf = (html: string) =>
  html
    .replace(/<[^>]*>/g, "")
    .replaceAll("&#x27;", "'")
    .replaceAll("&amp;", "&");

describe.runIf(chromiumAvailable())("the 404 pages of the portal and the console", () => {
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let a: Awaited<ReturnType<typeof createOwnedAccount>>;
  let b: Awaited<ReturnType<typeof createOwnedAccount>>;
  let staff: { email: string };
  let admin: { email: string };

  beforeAll(async () => {
    browser = await launchBrowser();
    [a, b] = [await createOwnedAccount(), await createOwnedAccount()];
    [staff, admin] = [await createLogin("STAFF"), await createLogin("ADMIN")];
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
  });

  const cases = () =>
    [
      {
        who: "owner of account B",
        email: b.owner.email,
        path: `/account/blocks/${a.block.publicId}`,
        title: "This block is not in your account",
        says: `No block of ${b.account.name} has the id ${a.block.publicId}`,
        header: `Account · ${b.account.name}`,
        back: ["/account/blocks", "Open your block history"],
      },
      {
        who: "owner of account B",
        email: b.owner.email,
        path: "/account/blocks/00000000000000000000",
        title: "This block is not in your account",
        says: "the report belongs to another account, or does not exist",
        header: `Account · ${b.account.name}`,
        back: ["/account/blocks", "Open your block history"],
      },
      {
        who: "staff",
        email: staff.email,
        path: "/staff/users",
        title: "This page is for admins",
        says: "The Users page is open to admins only.",
        header: "Compliance console",
        back: ["/staff", "Back to the review queue"],
      },
      {
        who: "staff",
        email: staff.email,
        path: "/staff/audit",
        title: "This page is for admins",
        says: "The audit log is open to admins only.",
        header: "Compliance console",
        back: ["/staff", "Back to the review queue"],
      },
      {
        who: "admin",
        email: admin.email,
        path: "/staff/reports/00000000000000000000",
        title: "No report has this id",
        says: "No report in the console has the id 00000000000000000000",
        header: "Compliance console",
        back: ["/staff", "Back to the review queue"],
      },
      {
        // Not a route of its own (only /account/blocks/export is): a report id like any other.
        who: "staff",
        email: staff.email,
        path: "/staff/reports/export",
        title: "No report has this id",
        says: "Check the id, or find the report in the review queue.",
        header: "Compliance console",
        back: ["/staff", "Back to the review queue"],
      },
      {
        who: "staff",
        email: staff.email,
        path: "/account",
        title: "This page is for account owners",
        says: "You are signed in as staff",
        header: "Compliance console",
        back: ["/staff", "Go to the console"],
      },
    ] as const;

  it("without JavaScript, over HTTP: 404, and the page in the HTML itself, in the visitor's area", async () => {
    const byEmail = new Map<string, BrowserContext>();
    for (const { who, email, path, title, says, header, back } of cases()) {
      const label = `${who} GET ${path}`;
      if (!byEmail.has(email)) byEmail.set(email, await signedInContext(browser, email));
      const response = await byEmail.get(email)!.request.get(path, { maxRedirects: 0 });
      expect(response.status(), label).toBe(404);
      const html = visibleHtml(await response.text());
      expect(html, label).toMatch(new RegExp(`<h1[^>]*>${title}</h1>`));
      expect(textOf(html), label).toContain(says);
      expect(textOf(html), label).toContain(header);
      expect(html, label).toMatch(new RegExp(`<a href="${back[0]}"[^>]*>${back[1]}</a>`));
      // Not the senders' 404.
      expect(html, label).not.toContain("paste that message");
    }
    // The same pages for whom they are: no 404.
    const allowed = [
      [a.owner.email, `/account/blocks/${a.block.publicId}`],
      [admin.email, "/staff/users"],
      [staff.email, `/staff/reports/${a.block.publicId}`],
    ] as const;
    for (const [email, path] of allowed) {
      const context = byEmail.get(email) ?? (await signedInContext(browser, email));
      byEmail.set(email, context);
      expect((await context.request.get(path, { maxRedirects: 0 })).status(), `${email} ${path}`).toBe(200);
    }
    // The proxy alone marks a 404: a visitor's own header changes nothing.
    const spoofed = await byEmail
      .get(a.owner.email)!
      .request.get("/account", { maxRedirects: 0, headers: { "x-block-reports-not-found": "1" } });
    expect(spoofed.status()).toBe(200);
    expect(visibleHtml(await spoofed.text())).not.toContain("Error 404");
    contexts.push(...byEmail.values());
  });

  async function expectNotFoundPage(page: Page, { title, says, header, back }: ReturnType<typeof cases>[number]) {
    await page.getByRole("heading", { level: 1, name: title }).waitFor();
    await page.getByText(says).waitFor();
    await page.getByText(header).first().waitFor();
    expect(await page.getByRole("link", { name: back[1] }).getAttribute("href")).toBe(back[0]);
    expect(await page.getByText("paste that message").count()).toBe(0);
  }

  for (const javaScriptEnabled of [false, true]) {
    it(`in Chromium with JavaScript ${javaScriptEnabled ? "on" : "off"}: the same, at 375 px, light and dark`, async () => {
      const [ownerCase, adminCase] = [cases()[0], cases()[2]];
      for (const [index, each] of [ownerCase, adminCase].entries()) {
        const colorScheme = index === 0 ? "light" : "dark";
        const page = await signedInPage(browser, each.email, {
          javaScriptEnabled,
          colorScheme,
          viewport: { width: 375, height: 800 },
        });
        contexts.push(page.context());
        const response = await page.goto(each.path);
        expect(response?.status(), each.path).toBe(404);
        await expectNotFoundPage(page, each);
        if (javaScriptEnabled) await expectAccessibleAt375(page, `${each.path} (${colorScheme})`);
      }
    });
  }

  it("after a client-side navigation (JavaScript on), the area's not-found page says the same", async () => {
    const page = await signedInPage(browser, b.owner.email, { viewport: { width: 1280, height: 800 } });
    contexts.push(page.context());
    await page.goto("/account");
    await page.waitForFunction(() => "next" in window);
    await page.evaluate((path) => {
      (window as unknown as { next: { router: { push: (href: string) => void } } }).next.router.push(path);
    }, `/account/blocks/${a.block.publicId}`);
    await page.waitForURL(`**/account/blocks/${a.block.publicId}`);
    await expectNotFoundPage(page, cases()[0]);
  });
});
