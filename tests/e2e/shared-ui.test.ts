import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Locator, Page } from "playwright-core";
import { expectAccessibleAt375, expectNoAxeViolations, expectNoSidewaysScroll } from "../support/a11y";
import { chromiumAvailable, launchBrowser, openPage } from "../support/browser";
import { createTestUser, signedInPage } from "../support/sign-in";
import { createAccountBlock, createOwnedAccount } from "./account/account-support";
import { createOpenAppeal, createReport } from "./sender-actions/app-data";

/*
 * The shared parts of the UI the owner portal and the console have in common, in Chromium:
 * wide tables (components/ui/data-table.tsx), the border of form controls and secondary
 * buttons (--color-control-line) and of the browser-drawn checkboxes and radio buttons, and the
 * filters (components/ui/filter-panel.tsx).
 */

const PHONE = { width: 375, height: 800 };
const LAPTOP = { width: 1280, height: 800 };

/** WCAG contrast ratio of two computed `rgb(…)` colours. */
function contrast(a: string, b: string): number {
  const luminance = (colour: string) => {
    const [r, g, b] = colour
      .match(/[\d.]+/g)!
      .slice(0, 3)
      .map((v) => Number(v) / 255)
      .map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  };
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light! + 0.05) / (dark! + 0.05);
}

/** The control's border colour, its own background and the background around it (first opaque ancestor). */
const borderAndBackgrounds = (control: Locator) =>
  control.evaluate((element) => {
    const opaque = (node: Element | null): string => {
      for (let n = node; n; n = n.parentElement) {
        const colour = getComputedStyle(n).backgroundColor;
        if (colour !== "rgba(0, 0, 0, 0)" && colour !== "transparent") return colour;
      }
      return "rgb(255, 255, 255)";
    };
    return {
      border: getComputedStyle(element).borderTopColor,
      inside: opaque(element),
      around: opaque(element.parentElement),
    };
  });

/**
 * The strongest contrast between what the browser drew for a native control (its edge, its
 * mark) and the background around it: the control is photographed with a small margin and the
 * pixels are read back in a canvas, since a browser-drawn edge has no CSS colour to compare.
 */
async function edgeContrast(page: Page, control: Locator): Promise<number> {
  await control.scrollIntoViewIfNeeded();
  const box = (await control.boundingBox())!;
  const around = await control.evaluate((element) => {
    for (let n = element.parentElement; n; n = n.parentElement) {
      const colour = getComputedStyle(n).backgroundColor;
      if (colour !== "rgba(0, 0, 0, 0)" && colour !== "transparent") return colour;
    }
    return "rgb(255, 255, 255)";
  });
  const png = await page.screenshot({
    clip: { x: box.x - 2, y: box.y - 2, width: box.width + 4, height: box.height + 4 },
  });
  // Decoded from bytes, not from a data: URL, which the page's CSP would refuse as an image.
  const pixels = await page.evaluate(async (bytes) => {
    const image = await createImageBitmap(new Blob([new Uint8Array(bytes)], { type: "image/png" }));
    const context = new OffscreenCanvas(image.width, image.height).getContext("2d")!;
    context.drawImage(image, 0, 0);
    return Array.from(context.getImageData(0, 0, image.width, image.height).data);
  }, Array.from(png));
  let strongest = 1;
  for (let i = 0; i < pixels.length; i += 4) {
    strongest = Math.max(strongest, contrast(`rgb(${pixels[i]}, ${pixels[i + 1]}, ${pixels[i + 2]})`, around));
  }
  return strongest;
}

/** The table's scroll box: a named region that takes focus, and the arrow key scrolls it. */
async function scrollRegion(page: Page, name: string | RegExp) {
  const region = page.getByRole("region", { name });
  await expect(region.getAttribute("tabindex")).resolves.toBe("0");
  await region.focus();
  await expect(region.evaluate((element) => document.activeElement === element)).resolves.toBe(true);
  await expect(region.evaluate((element) => element.scrollWidth > element.clientWidth)).resolves.toBe(true);
  await page.keyboard.press("ArrowRight");
  await expect.poll(() => region.evaluate((element) => element.scrollLeft)).toBeGreaterThan(0);
}

describe.runIf(chromiumAvailable())("the shared UI in Chromium", () => {
  let browser: Browser;
  let admin: string;
  beforeAll(async () => {
    browser = await launchBrowser();
    admin = (await createTestUser("ADMIN", { name: "Ada Admin" })).email;
  });
  afterAll(async () => browser?.close());

  it("at 375 px a wide table scrolls in a named region that takes focus, not the page, or stacks its rows; chart dates stay on one line", async () => {
    const { owner, account } = await createOwnedAccount();
    await createAccountBlock(account.id, { reason: "SPAM" });
    const page = await signedInPage(browser, owner.email, { viewport: PHONE });
    // The owner's blocks are cards on a phone, each cell under its column's name: nothing to scroll.
    await page.goto("/account/blocks");
    const stacked = page.getByRole("region", { name: "Blocks, newest first" });
    await expect(stacked.evaluate((element) => element.scrollWidth <= element.clientWidth)).resolves.toBe(true);
    const status = stacked.getByRole("cell").filter({ hasText: "Blocked" }).first();
    await expect(status.evaluate((cell) => getComputedStyle(cell, "::before").content)).resolves.toMatch(/Status/);
    await expect(stacked.getByRole("columnheader", { name: "Status" }).count()).resolves.toBe(1);
    await expect(page.evaluate(() => document.scrollingElement!.scrollWidth)).resolves.toBeLessThanOrEqual(375);
    await expectAccessibleAt375(page, "history, stacked");
    // Wide, the same rows are a table again.
    const rowDisplay = () =>
      stacked
        .locator("tbody tr")
        .first()
        .evaluate((row) => getComputedStyle(row).display);
    await expect(rowDisplay()).resolves.toBe("block");
    await page.setViewportSize(LAPTOP);
    await expect(rowDisplay()).resolves.toBe("table-row");
    await page.setViewportSize(PHONE);

    await page.goto("/account");
    await page.locator("#trend summary").click();
    await scrollRegion(page, "Blocks per week by reason");
    // "21 Sep 2026" on one line: a single line box, not three.
    const week = page.getByRole("region", { name: "Blocks per week by reason" }).locator("tbody td:first-child span");
    await expect(week.first().evaluate((span) => span.getClientRects().length)).resolves.toBe(1);
    await expectAccessibleAt375(page, "overview with the chart's table open");
    await page.context().close();

    const { block } = await createReport({ reason: "SPAM" });
    await createOpenAppeal(block);
    // The console's tables stack on a phone too: each row a card, nothing to scroll sideways.
    const staff = await signedInPage(browser, admin, { viewport: PHONE });
    for (const [path, name] of [
      ["/staff", /^Review requests to decide:/],
      ["/staff/users", "Logins, staff first"],
    ] as const) {
      await staff.goto(path);
      const region = staff.getByRole("region", { name });
      await expect(
        region.evaluate((element) => element.scrollWidth <= element.clientWidth),
        path,
      ).resolves.toBe(true);
      await expect(
        region
          .locator("tbody tr")
          .first()
          .evaluate((row) => getComputedStyle(row).display),
        path,
      ).resolves.toBe("block");
      await expect(
        staff.evaluate(() => document.scrollingElement!.scrollWidth),
        path,
      ).resolves.toBeLessThanOrEqual(375);
    }
    await expectAccessibleAt375(staff, "users");
    await staff.context().close();
  });

  it("form controls and secondary buttons have a border of at least 3:1 against what is inside and around them, light and dark", async () => {
    const { owner } = await createOwnedAccount();
    const { path } = await createReport({ reason: "ABUSE" });
    for (const colorScheme of ["light", "dark"] as const) {
      const page = await signedInPage(browser, owner.email, { colorScheme, viewport: LAPTOP });
      await page.goto("/account/blocks?status=ACTIVE");
      const controls = {
        "text input": page.getByLabel("Search"),
        select: page.getByLabel("Status"),
        "date input": page.getByLabel("From (UTC)"),
        "secondary button": page.getByRole("link", { name: "Clear filters" }),
      };
      const sender = await openPage(browser, { colorScheme, viewport: LAPTOP });
      await sender.goto(path);
      await sender.locator("summary", { hasText: "Ask compliance" }).click();
      const more = {
        "“Ask compliance” (a details' edge)": sender.locator("details", {
          has: sender.locator("summary", { hasText: "Ask compliance" }),
        }),
        textarea: sender.locator("details textarea").first(),
      };
      for (const [what, control] of Object.entries({ ...controls, ...more })) {
        const { border, inside, around } = await borderAndBackgrounds(control);
        expect(contrast(border, inside), `${what} ${colorScheme}: ${border} on ${inside}`).toBeGreaterThanOrEqual(3);
        expect(contrast(border, around), `${what} ${colorScheme}: ${border} on ${around}`).toBeGreaterThanOrEqual(3);
      }
      await page.context().close();
      await sender.context().close();
    }
  });

  it("checkboxes and radio buttons (drawn by the browser) have an edge of at least 3:1 against the page, checked or not, light and dark", async () => {
    const { owner } = await createOwnedAccount();
    const { block } = await createReport({ reason: "SPAM" });
    await createOpenAppeal(block);
    for (const colorScheme of ["light", "dark"] as const) {
      const ownerPage = await signedInPage(browser, owner.email, { colorScheme, viewport: LAPTOP });
      await ownerPage.goto("/account/notifications");
      const checkbox = ownerPage.locator('input[type="checkbox"]').first();
      const staff = await signedInPage(browser, admin, { colorScheme, viewport: LAPTOP });
      await staff.goto(`/staff/reports/${block.publicId}`);
      const radio = staff.getByRole("radio").first();
      for (const [what, page, control] of [
        ["checkbox", ownerPage, checkbox],
        ["radio button", staff, radio],
      ] as const) {
        for (const checked of [false, true]) {
          await control.setChecked(checked);
          const ratio = await edgeContrast(page, control);
          expect(ratio, `${what}, ${checked ? "checked" : "not checked"}, ${colorScheme}`).toBeGreaterThanOrEqual(3);
        }
      }
      await ownerPage.context().close();
      await staff.context().close();
    }
  });

  it.each([
    ["on", true],
    ["off", false],
  ] as const)(
    "on a phone the filters fold under what they apply and the results are in view; wide, they are open (JavaScript %s)",
    async (_mode, javaScriptEnabled) => {
      const { owner } = await createOwnedAccount();
      const phone = await signedInPage(browser, owner.email, { javaScriptEnabled, viewport: PHONE });
      phone.setDefaultTimeout(10_000);
      await phone.goto("/account/blocks?status=ACTIVE&order=oldest");
      const summary = phone.locator("#filters summary");
      await expect(summary.textContent()).resolves.toMatch(/^Filters: Blocked, oldest first/);
      await expect(phone.getByLabel("Status").isVisible()).resolves.toBe(false);
      const results = await phone.locator("#blocks tbody tr").first().boundingBox();
      expect(results!.y + results!.height).toBeLessThanOrEqual(PHONE.height);
      // Opened, the form still keeps its state in the URL.
      await summary.click();
      await phone.getByLabel("Status").selectOption("LIFTED");
      await phone.getByRole("button", { name: "Apply filters" }).click();
      await phone.waitForURL((url) => url.searchParams.get("status") === "LIFTED");
      await expect(phone.locator("#filters summary").textContent()).resolves.toMatch(/^Filters: Lifted, oldest first/);
      // axe needs the page's JavaScript; the run with it checks the same markup.
      if (javaScriptEnabled) await expectAccessibleAt375(phone, "folded filters");
      else await expectNoSidewaysScroll(phone, "folded filters");
      await phone.context().close();

      const staff = await signedInPage(browser, admin, { javaScriptEnabled, viewport: PHONE });
      await expect(staff.locator("#filters summary").textContent()).resolves.toMatch(/^Filters: none/);
      await expect(staff.getByLabel("Search", { exact: true }).isVisible()).resolves.toBe(false);
      await expect(staff.getByRole("heading", { name: /Review requests to decide/ }).isVisible()).resolves.toBe(true);
      const heading = await staff.getByRole("heading", { name: /Review requests to decide/ }).boundingBox();
      expect(heading!.y).toBeLessThan(PHONE.height);
      await staff.setViewportSize(LAPTOP);
      await expect(staff.getByLabel("Search", { exact: true }).isVisible()).resolves.toBe(true);
      await expect(staff.locator("#filters summary").isVisible()).resolves.toBe(false);
      await staff.context().close();
    },
  );

  it("puts the reversed-days error under “To”, described by it, with the controls of its row still lined up", async () => {
    const { owner } = await createOwnedAccount();
    const page = await signedInPage(browser, owner.email, { viewport: LAPTOP });
    for (const [path, label, sibling] of [
      ["/account/blocks", "To (UTC, included)", "From (UTC)"],
      ["/staff/audit", "To (UTC day)", "From (UTC day)"],
    ] as const) {
      const viewer = path === "/staff/audit" ? await signedInPage(browser, admin, { viewport: LAPTOP }) : page;
      await viewer.goto(`${path}?from=2026-12-31&to=2026-01-01`);
      const to = viewer.getByLabel(label);
      await expect(to.getAttribute("aria-invalid")).resolves.toBe("true");
      const error = viewer.getByText("“To” is before “From”, so nothing can match: swap the two days.");
      const errorId = await error.getAttribute("id");
      expect((await to.getAttribute("aria-describedby"))?.split(" ")).toContain(errorId);
      // In the To field, right below its control, not under the whole form.
      const [toBox, errorBox, fromBox] = await Promise.all([
        to.boundingBox(),
        error.boundingBox(),
        viewer.getByLabel(sibling).boundingBox(),
      ]);
      expect(errorBox!.x).toBeCloseTo(toBox!.x, 0);
      expect(errorBox!.y - (toBox!.y + toBox!.height)).toBeLessThan(12);
      expect(fromBox!.y).toBeCloseTo(toBox!.y, 0);
      await expectNoAxeViolations(viewer, path);
      // On a phone the filters are open: the error is what to fix.
      await viewer.setViewportSize(PHONE);
      await expect(error.isVisible()).resolves.toBe(true);
      if (viewer !== page) await viewer.context().close();
    }
    await page.context().close();
  });

  it("offers “Clear filters” only while a filter is applied and the CSV only when something matches, alike on every list", async () => {
    const { owner } = await createOwnedAccount();
    const page = await signedInPage(browser, owner.email, { viewport: LAPTOP });
    const staff = await signedInPage(browser, admin, { viewport: LAPTOP });
    const clear = (p: Page) => p.getByRole("link", { name: "Clear filters" });
    const csv = (p: Page) => p.getByRole("link", { name: "Download CSV" });
    for (const [p, plain, filtered] of [
      [page, "/account/blocks", "/account/blocks?reason=ABUSE"],
      [staff, "/staff", "/staff?reason=ABUSE"],
      [staff, "/staff/audit", "/staff/audit?action=SIGN_IN"],
    ] as const) {
      await p.goto(plain);
      await expect(clear(p).count(), plain).resolves.toBe(0);
      await p.goto(filtered);
      await expect(clear(p).getAttribute("href"), filtered).resolves.toBe(plain);
    }
    await expect(staff.getByRole("link", { name: "Clear", exact: true }).count()).resolves.toBe(0);

    // The same button below the results on both pages that export; none when nothing matches.
    await page.goto("/account/blocks");
    await expect(csv(page).getAttribute("href")).resolves.toBe("/account/blocks/export");
    await page.goto("/account/blocks?q=nobody-sent-this%40e2e.example");
    await page.getByText("No block matches these filters.").waitFor();
    await expect(csv(page).count()).resolves.toBe(0);
    await staff.goto("/staff/audit");
    await expect(csv(staff).getAttribute("href")).resolves.toBe("/staff/audit/export");
    await expect(csv(staff).getAttribute("class")).resolves.toBe(
      await (async () => {
        await page.goto("/account/blocks");
        return csv(page).getAttribute("class");
      })(),
    );
    await staff.goto("/staff/audit?actor=nobody-by-this-name-at-all");
    await staff.getByText("No entries match.").waitFor();
    await expect(csv(staff).count()).resolves.toBe(0);
    await page.context().close();
    await staff.context().close();
  });
});
