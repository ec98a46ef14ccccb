import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { baseUrl, chromiumAvailable, launchBrowser, openPage } from "../support/browser";
import { demoBlock, demoReportPath } from "../support/demo-links";

const EXPECTED: Record<string, { status: RegExp; reason: RegExp; evidence: string[] }> = {
  "abuse-active": {
    status: /Blocked/,
    reason: /Abuse signals:/,
    evidence: ["Complaint rate", "Recipient-list quality", "Message samples", "Suspicious links", "Header problems"],
  },
  "spam-review": {
    status: /Under review/,
    reason: /Spam content:/,
    evidence: ["Spam rule hits", "Suspicious links", "Filter-evasion signals", "Message samples"],
  },
  "rate-expired": { status: /Expired/, reason: /Sending rate:/, evidence: ["Sending rate"] },
  "combined-lifted": {
    status: /Lifted/,
    reason: /Abuse signals:/,
    evidence: ["List-bombing bursts", "Spam rule hits", "Sending rate"],
  },
  "spam-expiring": {
    status: /Blocked/,
    reason: /Spam content:/,
    evidence: ["Spam rule hits", "Message samples", "Header problems"],
  },
};

async function headingsIn(page: Page, sectionId: string) {
  return page.locator(`#${sectionId} h3`).allTextContents();
}

describe.runIf(chromiumAvailable())("the report page in Chromium", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => browser?.close());

  it.each(Object.entries(EXPECTED))("renders the %s demo report: status, reason, evidence", async (key, expected) => {
    const page = await openPage(browser);
    const violations: string[] = [];
    page.on("console", (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    const response = await page.goto(demoReportPath(key));
    expect(response?.status()).toBe(200);
    await expect(page.locator("h1").textContent()).resolves.toMatch(
      /Mail from .+ (is being rejected|is accepted again)/,
    );
    await expect(page.locator("main").textContent()).resolves.toMatch(expected.status);
    await expect(page.locator("main").textContent()).resolves.toMatch(expected.reason);
    await expect(page.getByText(demoBlock(key).publicId).first().isVisible()).resolves.toBe(true);
    expect(await headingsIn(page, "evidence")).toEqual(expect.arrayContaining(expected.evidence));
    await expect(page.locator("#what-to-do li").count()).resolves.toBeGreaterThan(0);
    await expect(page.locator("#timeline li").count()).resolves.toBeGreaterThan(0);
    await expect(page.locator("#actions").count()).resolves.toBe(1);
    await expect(page.locator("svg[role=img][aria-label]").count()).resolves.toBeGreaterThan(0);
    expect(violations).toEqual([]);
    await page.context().close();
  });

  it("shows the review state of the under-review report and the decided appeal of the lifted one", async () => {
    const page = await openPage(browser);
    await page.goto(demoReportPath("spam-review"));
    await expect(page.locator("#actions").textContent()).resolves.toMatch(/Review requested.*A-7K3F9Q/s);
    await page.goto(demoReportPath("combined-lifted"));
    await expect(page.locator("#actions").textContent()).resolves.toMatch(/Review approved/);
    await expect(page.locator("main").textContent()).resolves.toMatch(/Why it was lifted/);
    // The demo's header and timeline agree on when it was lifted.
    const liftedAt = await page
      .locator("dt", { hasText: /^Lifted$/ })
      .locator("xpath=following-sibling::dd[1]//time")
      .getAttribute("datetime");
    const timelineLift = page.locator("#timeline li", { hasText: /^Block lifted/ }).locator("time");
    await expect(timelineLift.getAttribute("datetime")).resolves.toBe(liftedAt);
    await page.context().close();
  });

  it("works with JavaScript disabled", async () => {
    const page = await openPage(browser, { javaScriptEnabled: false });
    await page.goto(demoReportPath("abuse-active"));
    await expect(page.locator("h1").textContent()).resolves.toMatch(/newsletter-app/);
    await expect(page.locator("#evidence h3").count()).resolves.toBeGreaterThan(3);
    await page.locator("#why summary").click();
    await expect(page.locator("#why table").isVisible()).resolves.toBe(true);
    await page.context().close();
  });

  it("renders hostile evidence as inert text", async () => {
    const page = await openPage(browser);
    let dialogs = 0;
    page.on("dialog", async (dialog) => {
      dialogs += 1;
      await dialog.dismiss();
    });
    const remote: string[] = [];
    page.on("request", (request) => {
      if (!request.url().startsWith(baseUrl())) remote.push(request.url());
    });
    await page.goto(demoReportPath("abuse-active"));
    await page
      .locator("details summary")
      .evaluateAll((summaries) => summaries.forEach((s) => (s as HTMLElement).click()));
    await page.waitForTimeout(300);
    expect(dialogs).toBe(0);
    expect(remote).toEqual([]);
    await expect(page.getByText('<script>alert("report")</script> Your invoice is ready').count()).resolves.toBe(1);
    await expect(page.locator("main script").count()).resolves.toBe(0);
    await expect(page.locator("main img").count()).resolves.toBe(0);
    const hrefs = await page
      .locator("main a[href]")
      .evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
    expect(hrefs.every((href) => href.startsWith("#") || href.startsWith("mailto:"))).toBe(true);
    const text = (await page.locator("#evidence").textContent()) ?? "";
    expect(text).toContain("hxxps://bit[.]ly/3xYz9Qa");
    expect(text).toContain("javascript[:]alert(document[.]cookie)");
    expect(text).not.toMatch(/https?:\/\/(?!\[)/);
    expect(text).toContain("⟨U+202E⟩");
    await page.context().close();
  });

  it("answers an unknown page with a 404 in the site's frame and font", async () => {
    const page = await openPage(browser, { viewport: { width: 375, height: 740 } });
    const response = await page.goto("/no-such-page");
    expect(response?.status()).toBe(404);
    await expect(page.title()).resolves.toBe("Page not found — Example Relay");
    await expect(page.locator("header").textContent()).resolves.toContain("Example Relay");
    await expect(page.locator("h1").textContent()).resolves.toBe("Page not found");
    const font = await page.evaluate(() => getComputedStyle(document.body).fontFamily);
    await expect(page.getByRole("link", { name: "Find your report" }).getAttribute("href")).resolves.toBe("/");
    // The site's own font: the same as the "find your report" page's.
    await page.goto("/");
    await expect(page.evaluate(() => getComputedStyle(document.body).fontFamily)).resolves.toBe(font);
    expect(font).toMatch(/system-ui/);
    await page.context().close();
  });

  it("fits a 375 px wide phone without horizontal scrolling, and puts the essentials on the first screen", async () => {
    for (const key of Object.keys(EXPECTED)) {
      const page = await openPage(browser, { viewport: { width: 375, height: 740 } });
      await page.goto(demoReportPath(key));
      await expect(page.evaluate(() => document.scrollingElement!.scrollWidth)).resolves.toBeLessThanOrEqual(375);
      if (key === "abuse-active") {
        for (const selector of [
          "h1",
          "#report-title ~ p",
          "text=Blocked since",
          "text=Until reviewed",
          "text=Abuse signals:",
        ]) {
          const box = await page.locator(selector).first().boundingBox();
          expect(box, selector).not.toBeNull();
          expect(box!.y + box!.height, selector).toBeLessThanOrEqual(740);
        }
      }
      await page.context().close();
    }
  });

  /*
   * Lighthouse (bench:lighthouse) estimates the largest paint from every request that had
   * finished before it was seen. The largest paint must be the headline, in the first frame:
   * nothing that loads or renders later may replace it.
   */
  it.each(["light", "dark"] as const)(
    "breaks email addresses at 375 px after the @ or before a dot, not mid-word: the headline and the samples' From (%s)",
    async (colorScheme) => {
      const page = await openPage(browser, { viewport: { width: 375, height: 800 }, colorScheme });
      const check = async (locator: ReturnType<Page["locator"]>, what: string) => {
        const texts = await locator.allTextContents();
        expect(texts.length, what).toBeGreaterThan(0);
        expect(texts.join(" "), what).toMatch(/@northwind\.example/);
        for (const breaks of await locator.evaluateAll(lineBreaksIn))
          for (const [before, after] of breaks) {
            // Natural: at a space, after "@", before "." (or between an address and its ">").
            const natural = /\s$/.test(before) || /^\s/.test(after) || before.endsWith("@") || after.startsWith(".");
            expect(natural, `${what} breaks between "${before}" and "${after}"`).toBe(true);
          }
      };
      await page.goto(demoReportPath("combined-lifted"));
      await check(page.locator("h1"), "headline");
      await page.goto(demoReportPath("abuse-active"));
      await check(page.locator("#evidence dt:text-is('From') + dd"), "From");
      await page.context().close();
    },
  );

  it("paints the headline as the largest paint, with the first paint", async () => {
    const page = await openPage(browser, { viewport: { width: 412, height: 823 } });
    await page.goto(demoReportPath("abuse-active"));
    const paints = await page.evaluate(
      () =>
        new Promise<{ lcp: string; lcpAt: number; fcpAt: number }>((resolve) => {
          new PerformanceObserver((list) => {
            const last = list.getEntries().at(-1) as PerformanceEntry & { element: Element | null };
            const fcp = performance.getEntriesByName("first-contentful-paint")[0]!;
            resolve({ lcp: last.element?.id ?? "", lcpAt: last.startTime, fcpAt: fcp.startTime });
          }).observe({ type: "largest-contentful-paint", buffered: true });
        }),
    );
    expect(paints.lcp).toBe("report-title");
    expect(paints.lcpAt).toBe(paints.fcpAt);
    await page.context().close();
  });
});

/**
 * Where each element's text wraps onto a new line: the few characters before and after each
 * break, from the characters' line boxes. Runs in the page (Playwright sends its source), so
 * it is self-contained.
 */
function lineBreaksIn(elements: Element[]): [string, string][][] {
  return elements.map((element) => {
    const chars: { ch: string; top: number }[] = [];
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent ?? "";
      for (let i = 0; i < text.length; i += 1) {
        const range = document.createRange();
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        const rect = range.getClientRects()[0];
        // A collapsed space at a line's end has no box: it stays with the line before.
        chars.push({ ch: text[i]!, top: rect ? Math.round(rect.top) : (chars.at(-1)?.top ?? 0) });
      }
    }
    const breaks: [string, string][] = [];
    for (let i = 1; i < chars.length; i += 1)
      if (chars[i]!.top > chars[i - 1]!.top + 2)
        breaks.push([
          chars
            .slice(Math.max(0, i - 6), i)
            .map((c) => c.ch)
            .join(""),
          chars
            .slice(i, i + 6)
            .map((c) => c.ch)
            .join(""),
        ]);
    return breaks;
  });
}
