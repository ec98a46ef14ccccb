import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { expectAccessibleAt375, expectNoAxeViolations } from "../../support/a11y";
import { chromiumAvailable, launchBrowser } from "../../support/browser";
import { createTestUser, signedInPage } from "../../support/sign-in";
import { createOpenAppeal, createReport } from "../sender-actions/app-data";

/*
 * The console on a phone and on a laptop: its tables are one card per row at 375 px (every
 * column's name and value in view, the users' controls too, nothing to scroll sideways, as in
 * the owner portal), and its header stays in one place from page to page.
 */

/** Anything in a table's body past the window's left or right edge, and any cell without its column's name. */
function outOfView(page: Page) {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const found: string[] = [];
    const tables = [...document.querySelectorAll<HTMLTableElement>("main table")];
    for (const table of tables) {
      const box = table.closest<HTMLElement>(".table-scroll");
      if (box && box.scrollWidth > box.clientWidth + 1)
        found.push(`${box.getAttribute("aria-label")}: scrolls sideways (${box.scrollWidth} > ${box.clientWidth})`);
      // A shown caption runs the card's width, not a narrow column beside it.
      const caption = table.caption?.getBoundingClientRect();
      if (table.classList.contains("data-table-stack") && caption && caption.width > 1)
        if (caption.width < table.getBoundingClientRect().width - 2)
          found.push(`${table.caption!.textContent}: caption ${Math.round(caption.width)} px wide`);
      for (const cell of table.querySelectorAll<HTMLElement>("tbody td")) {
        const label = cell.dataset.label ?? "(no label)";
        if (table.classList.contains("data-table-stack") && getComputedStyle(cell, "::before").content === "none")
          found.push(`${label}: its name is not shown`);
        for (const part of [cell, ...cell.querySelectorAll<HTMLElement>("*")]) {
          const r = part.getBoundingClientRect();
          if (r.width === 0 && r.height === 0) continue;
          const edge = Math.min(width, box ? box.getBoundingClientRect().right : width);
          if (r.left < -0.5 || r.right > edge + 0.5)
            found.push(
              `${label}: ${part.tagName.toLowerCase()}.${part.className} at ${Math.round(r.left)}–${Math.round(r.right)} px`,
            );
        }
      }
    }
    return { tables: tables.length, found: found.slice(0, 10) };
  });
}

describe.runIf(chromiumAvailable())("the console's tables on a phone and its header on a laptop", () => {
  let browser: Browser;
  let admin: string;
  let publicId: string;
  let reference: string;
  beforeAll(async () => {
    browser = await launchBrowser();
    admin = (await createTestUser("ADMIN", { name: "Phone Admin" })).email;
    // Long names and addresses, as real ones are: the cards must still hold them.
    await createTestUser("STAFF", { name: "Maximiliana Konstantinopoulou-Oberhauser" });
    // A disabled login: its badge and when, in the Access column's card line.
    const disabled = await createTestUser("STAFF", { name: "Dominik Disabled-Login" });
    const { block } = await createReport({ reason: "SPAM" });
    reference = await createOpenAppeal(block);
    process.env.DATABASE_URL = inject("appDatabaseUrl");
    const { getDb } = await import("@/lib/db/client");
    await getDb().block.update({
      where: { id: block.id },
      data: { senderAddress: "quarterly-newsletter-notifications@marketing.very-long-subdomain.example" },
    });
    await getDb().user.update({ where: { id: disabled.id }, data: { disabledAt: new Date() } });
    publicId = block.publicId;
  });
  afterAll(async () => browser?.close());

  it.each(["light", "dark"] as const)(
    "at 375 px (%s) the queue, users, audit and metrics tables are cards with every column in view",
    async (colorScheme) => {
      const page = await signedInPage(browser, admin, { colorScheme, viewport: { width: 375, height: 800 } });
      for (const path of [`/staff?q=${reference}`, "/staff", "/staff/users", "/staff/audit", "/staff/metrics"]) {
        await page.goto(path);
        // The metrics tables are behind "Show as table".
        for (const details of await page.locator("main details").all())
          await details.evaluate((d) => ((d as HTMLDetailsElement).open = true));
        const { tables, found } = await outOfView(page);
        expect(tables, path).toBeGreaterThan(0);
        expect(found, `${path} ${colorScheme}`).toEqual([]);
        await expectAccessibleAt375(page, `${path} ${colorScheme}`);
      }

      // The queue's row: the badge and the sender whole, under their names.
      await page.goto(`/staff?q=${reference}`);
      const row = page.locator("#to-decide tbody tr").first();
      await expect(row.locator("td[data-label='Block']").innerText()).resolves.toMatch(/Under review/);
      await expect(row.locator("td[data-label='Sender']").isVisible()).resolves.toBe(true);

      // The users' actions: in view on a phone, without scrolling anything sideways.
      await page.goto("/staff/users");
      const other = page.locator("tbody tr", { hasText: "Maximiliana Konstantinopoulou-Oberhauser" });
      for (const control of [
        other.getByRole("button", { name: "Change role" }),
        other.getByRole("button", { name: "Disable login" }),
      ]) {
        await control.scrollIntoViewIfNeeded();
        const box = (await control.boundingBox())!;
        expect(box.x).toBeGreaterThanOrEqual(0);
        expect(box.x + box.width).toBeLessThanOrEqual(375);
      }
      await page.context().close();
    },
  );

  it.each(["light", "dark"] as const)(
    "at 1280 px (%s) the header and the content start where they do on the queue when a report opens; the metrics' tables are axe-clean",
    async (colorScheme) => {
      const page = await signedInPage(browser, admin, { colorScheme, viewport: { width: 1280, height: 800 } });
      const edges = async () => ({
        title: (await page.locator("header > div").first().boundingBox())!.x,
        nav: (await page.locator("header nav").boundingBox())!.x,
        // The content lines up with them too, a report's two columns included.
        main: (await page.locator("main").boundingBox())!.x,
      });
      await page.goto("/staff");
      const queue = await edges();
      await page.goto(`/staff/reports/${publicId}`);
      await expect(edges()).resolves.toEqual(queue);
      await page.goto("/staff/metrics");
      await expect(edges()).resolves.toEqual(queue);
      // Every "Show as table" open: each table's region is named apart from its section.
      for (const details of await page.locator("main details").all())
        await details.evaluate((d) => ((d as HTMLDetailsElement).open = true));
      await expectNoAxeViolations(page, `metrics tables ${colorScheme}`);
      await page.context().close();
    },
  );
});
