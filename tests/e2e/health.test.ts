import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { baseUrl, chromiumAvailable, launchBrowser, openPage } from "../support/browser";

describe("the running app", () => {
  it("answers liveness and readiness with a database round trip", async () => {
    const response = await fetch(`${baseUrl()}/api/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ live: true, ready: true, database: { ok: true } });
  });
});

describe.runIf(chromiumAvailable())("the home page in Chromium", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => browser?.close());

  it("renders the find-your-report page", async () => {
    const page = await openPage(browser);
    await page.goto("/");
    await expect(page.getByRole("heading", { name: /find your report/i }).count()).resolves.toBe(1);
  });
});
