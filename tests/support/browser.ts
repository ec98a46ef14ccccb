import { existsSync } from "node:fs";
import { chromium, type Browser, type BrowserContextOptions, type Page } from "playwright-core";
import { inject } from "vitest";
import { CHROMIUM, CHROMIUM_ARGS } from "./chromium";

/**
 * Whether browser tests can run. Outside CI a missing Chromium skips them loudly; under
 * CI=true it is a failure, because nothing may be skipped there.
 */
export function chromiumAvailable(): boolean {
  if (existsSync(CHROMIUM)) return true;
  if (process.env.CI === "true")
    throw new Error(`Chromium is missing at ${CHROMIUM}; .ci/run installs it (apt-get install -y chromium)`);
  console.warn(
    `\n!!! Chromium not found at ${CHROMIUM}: browser tests are NOT running. Install it: apt-get install -y chromium\n`,
  );
  return false;
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

export const baseUrl = (): string => inject("baseUrl");

/** A fresh page in its own context; `javaScriptEnabled: false` tests the no-JS path. */
export async function openPage(browser: Browser, options: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext({ baseURL: baseUrl(), ...options });
  return context.newPage();
}
