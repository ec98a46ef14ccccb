import { chromium } from "playwright-core";
const base = process.env.BASE;
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"] });
const [email, password, ...paths] = process.argv.slice(2);
for (const scheme of (process.env.SCHEMES ?? "light").split(",")) {
  const ctx = await browser.newContext({ viewport: { width: Number(process.env.W ?? 1280), height: 900 }, colorScheme: scheme });
  const page = await ctx.newPage();
  await page.goto(base + "/sign-in");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((u) => u.pathname !== "/sign-in");
  console.log("landed", page.url());
  for (const p of paths) {
    const r = await page.goto(base + p);
    const name = p.replace(/[^a-z0-9]+/gi, "_") + "_" + scheme + "_" + (process.env.W ?? 1280);
    await page.screenshot({ path: `/work/tmp-account/shots/${name}.png`, fullPage: true });
    const sw = await page.evaluate(() => document.documentElement.scrollWidth);
    console.log(p, r.status(), "scrollWidth", sw);
  }
  await ctx.close();
}
await browser.close();
