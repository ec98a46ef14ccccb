import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { demoSecret } from "@/prisma/seed/demo-content";
import { baseUrl, chromiumAvailable, launchBrowser, openPage } from "../support/browser";
import { demoBlock } from "../support/demo-links";

const { publicId } = demoBlock("abuse-active");

/* A realistic DSN: the relay's reply is quoted by the sender's own mail server. */
const BOUNCE = `From: Mail Delivery System <MAILER-DAEMON@mx.example.org>
Subject: Undelivered Mail Returned to Sender

This is the mail system at host mx.example.org.

I'm sorry to have to inform you that your message could not
be delivered to one or more recipients.

<someone@example.com>: host relay.example.net[203.0.113.9] said:
    550 5.7.1 [ABUSE] Sender blocked: spam or abuse detected.
    See: https://reports.example.net/?id=${publicId}&auth=${demoSecret(publicId)} (in reply to MAIL FROM command)
`;

const JUNK = "Hello, my mail does not arrive anymore. Can you help? Ticket #4411";

describe.runIf(chromiumAvailable())("find your report", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => browser?.close());

  for (const javaScriptEnabled of [true, false]) {
    const mode = javaScriptEnabled ? "with JavaScript" : "without JavaScript";

    it(`takes a pasted bounce to its report ${mode}`, async () => {
      const page = await openPage(browser, { javaScriptEnabled });
      await page.goto("/");
      await page.getByLabel("Bounce message or report link").fill(BOUNCE);
      await page.getByRole("button", { name: "Find my report" }).click();
      await page.waitForURL((url) => url.searchParams.get("id") === publicId);
      expect(new URL(page.url()).searchParams.get("auth")).toBe(demoSecret(publicId));
      await expect(page.locator("h1").textContent()).resolves.toMatch(/newsletter-app/);
      await page.context().close();
    });

    it(`says clearly when there is no link, and keeps the text ${mode}`, async () => {
      const page = await openPage(browser, { javaScriptEnabled });
      await page.goto("/");
      await page.getByLabel("Bounce message or report link").fill(JUNK);
      await page.getByRole("button", { name: "Find my report" }).click();
      await page.getByText("No report link found").waitFor();
      await expect(page.getByLabel("Bounce message or report link").inputValue()).resolves.toBe(JUNK);
      expect(new URL(page.url()).search).toBe("");
      await page.context().close();
    });

    it(`refuses more than 1 MB with a clear message ${mode}`, async () => {
      const page = await openPage(browser, { javaScriptEnabled });
      await page.goto("/");
      await page.getByLabel("Bounce message or report link").fill("x".repeat(1_100_000));
      await page.getByRole("button", { name: "Find my report" }).click();
      await page.getByText("larger than 1 MB").waitFor();
      await expect(page.getByText("Too much text").isVisible()).resolves.toBe(true);
      await page.context().close();
    });
  }

  it("lists the choices when the text holds several report links", async () => {
    const other = demoBlock("spam-review").publicId;
    const page = await openPage(browser, { javaScriptEnabled: false });
    await page.goto("/");
    await page
      .getByLabel("Bounce message or report link")
      .fill(`${BOUNCE}\nand also ?id=${other}&auth=${demoSecret(other)}\n`);
    await page.getByRole("button", { name: "Find my report" }).click();
    await page.getByText("contains 2 report links").waitFor();
    await page.getByRole("link", { name: new RegExp(other) }).click();
    await page.waitForURL((url) => url.searchParams.get("id") === other);
    await page.context().close();
  });
});

/* The hidden fields React renders into the form for a JavaScript-free submission. */
async function formFields(): Promise<FormData> {
  const html = await (await fetch(`${baseUrl()}/`)).text();
  const form = new FormData();
  const unescape = (v: string) =>
    v
      .replace(/&quot;/g, '"')
      .replace(/&#x27;/g, "'")
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&amp;/g, "&");
  for (const [, name, value] of html.matchAll(/<input type="hidden" name="([^"]+)"(?: value="([^"]*)")?\/>/g))
    form.append(unescape(name!), unescape(value ?? ""));
  form.append("bounce", BOUNCE);
  return form;
}

describe("form posts without JavaScript under Referrer-Policy: no-referrer", () => {
  const post = async (secFetchSite: string) =>
    fetch(`${baseUrl()}/`, {
      method: "POST",
      body: await formFields(),
      redirect: "manual",
      headers: { Origin: "null", "Sec-Fetch-Site": secFetchSite },
    });

  it("accepts a same-origin post whose Origin the browser withheld", async () => {
    const response = await post("same-origin");
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toContain(`id=${publicId}`);
  });

  it("still refuses a cross-site post", async () => {
    const response = await post("cross-site");
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.headers.get("location")).toBeNull();
  });
});
