import { afterAll, beforeAll, describe, it } from "vitest";
import type { Browser } from "playwright-core";
import { expectNoAxeViolations } from "../support/a11y";
import { chromiumAvailable, launchBrowser, openPage } from "../support/browser";
import { demoReportPath, randomSecret } from "../support/demo-links";

const PAGES: [string, string][] = [
  ["home", "/"],
  ["abuse report", demoReportPath("abuse-active")],
  ["review report", demoReportPath("spam-review")],
  ["lifted report", demoReportPath("combined-lifted")],
  ["404", `/?id=ffffffffffffffffffff&auth=${randomSecret()}`],
];

describe.runIf(chromiumAvailable())("accessibility (axe)", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => browser?.close());

  for (const colorScheme of ["light", "dark"] as const) {
    it.each(PAGES)(`%s has no violations in ${colorScheme} mode`, async (_name, path) => {
      const page = await openPage(browser, { colorScheme });
      await page.goto(path);
      // Open every "show as table" and sample so their contents are checked too.
      await page.locator("details").evaluateAll((all) => all.forEach((d) => d.setAttribute("open", "")));
      await expectNoAxeViolations(page);
      await page.context().close();
    });
  }
});
