// `npm run screenshots [-- --base http://localhost:3000]`: takes the README's screenshots
// (docs/*.png) from a running `npm start` with its demo data, in Debian's Chromium
// (CHROME_PATH, default /usr/bin/chromium). Run it after a change that shows on those pages.
import { parseArgs } from "node:util";
import { chromium, type Browser, type Page } from "playwright-core";
import { demoSecret } from "@/prisma/seed/demo-content";
import { CHROMIUM, CHROMIUM_ARGS } from "../tests/support/chromium";

const { values } = parseArgs({ options: { base: { type: "string", default: "http://localhost:3000" } } });
const base = values.base.replace(/\/$/, "");
const REPORT_ID = "1ec5d310c951ebd54d84"; // the "abuse, active" demo report
const report = `/?id=${REPORT_ID}&auth=${demoSecret(REPORT_ID)}`;

type Shot = {
  file: string;
  path: string;
  width: number;
  height: number;
  dark?: boolean;
  /** A demo login to sign in as first (README "Demo data"). */
  as?: [email: string, password: string];
  fullPage?: boolean;
};

const SHOTS: Shot[] = [
  { file: "report-top-phone", path: report, width: 375, height: 667 },
  { file: "report-top-laptop", path: report, width: 1280, height: 800 },
  { file: "report-top-dark", path: report, width: 375, height: 667, dark: true },
  { file: "staff-console", path: "/staff", width: 1280, height: 1000, as: ["admin@example.net", "demo-admin-2026"] },
  {
    // A request waiting for a decision: the Decide column beside the evidence.
    file: "staff-report",
    path: "/staff/reports/7a1d9e44b02c6f835e10",
    width: 1440,
    height: 900,
    as: ["staff@example.net", "demo-staff-2026"],
  },
  {
    file: "staff-users",
    path: "/staff/users",
    width: 1280,
    height: 1000,
    as: ["admin@example.net", "demo-admin-2026"],
  },
  {
    file: "account-portal",
    path: "/account",
    width: 1280,
    height: 1000,
    as: ["owner@northwind.example", "demo-owner-2026"],
    fullPage: true,
  },
];

async function signIn(page: Page, [email, password]: [string, string]) {
  await page.goto(`${base}/sign-in`);
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(password);
  await Promise.all([
    page.waitForURL((url) => !url.pathname.startsWith("/sign-in")),
    page.click("button[type=submit]"),
  ]);
}

let browser: Browser | undefined;
try {
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  for (const shot of SHOTS) {
    const context = await browser.newContext({
      viewport: { width: shot.width, height: shot.height },
      colorScheme: shot.dark ? "dark" : "light",
    });
    const page = await context.newPage();
    if (shot.as) await signIn(page, shot.as);
    const response = await page.goto(base + shot.path, { waitUntil: "load" });
    if (response?.status() !== 200) throw new Error(`${shot.path} answered ${response?.status()}`);
    await page.screenshot({ path: `docs/${shot.file}.png`, fullPage: shot.fullPage ?? false });
    console.log(`docs/${shot.file}.png`);
    await context.close();
  }
} finally {
  await browser?.close();
}
