import AxeBuilder from "@axe-core/playwright";
import type { Page } from "playwright-core";
import { expect } from "vitest";

/**
 * Accessibility checks for the browser tests, in one place: axe's violations (each named by
 * its rule and the first few elements it found) and the page's width at a phone's viewport.
 */

/** Fails with every axe violation on the page (or inside `include`), each prefixed with `label`. */
export async function expectNoAxeViolations(page: Page, label = "", { include }: { include?: string } = {}) {
  const builder = new AxeBuilder({ page });
  const results = await (include ? builder.include(include) : builder).analyze();
  expect(
    results.violations.map(
      (v) =>
        `${label ? `${label} ` : ""}${v.id}: ${v.nodes
          .map((n) => n.target.join(" "))
          .slice(0, 3)
          .join(", ")}`,
    ),
  ).toEqual([]);
}

/** Fails when the page scrolls sideways at `width` (375 px: a small phone). */
export async function expectNoSidewaysScroll(page: Page, label = "", width = 375) {
  await expect(
    page.evaluate(() => document.scrollingElement!.scrollWidth),
    label,
  ).resolves.toBeLessThanOrEqual(width);
}

/** Both checks: no axe violations and no sideways scrolling at 375 px. */
export async function expectAccessibleAt375(page: Page, label: string) {
  await expectNoAxeViolations(page, label);
  await expectNoSidewaysScroll(page, label);
}
