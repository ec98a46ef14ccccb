import { readFile } from "node:fs/promises";
import robotsParser from "robots-parser";
import { describe, expect, inject, it } from "vitest";
import { DEMO_BLOCKS, demoSecret } from "@/prisma/seed/demo-content";
import { baseUrl } from "../support/browser";
import { demoReportPath, freshClient } from "../support/demo-links";

// The files crawlers and security researchers ask for, served as `npm start` serves them
// (the front server, then Next; proxy.ts does not match them), and the noindex every
// report answer carries for the crawler that ignores robots.txt.

const get = (path: string, init: RequestInit = {}) =>
  fetch(`${baseUrl()}${path}`, {
    ...init,
    headers: { "X-Forwarded-For": freshClient(), ...init.headers },
    redirect: "manual",
  });

function expectPlainTextHeaders(response: Response) {
  expect(response.headers.get("content-type")?.toLowerCase()).toBe("text/plain; charset=utf-8");
  expect(response.headers.get("x-content-type-options")).toBe("nosniff");
  expect(response.headers.get("x-frame-options")).toBe("DENY");
  expect(response.headers.get("referrer-policy")).toBe("no-referrer");
  expect(response.headers.get("content-security-policy")).toBe("default-src 'none'; frame-ancestors 'none'");
}

describe("robots.txt", () => {
  it("keeps every report, every address with a query, the API and the signed-in areas away from crawlers", async () => {
    const response = await get("/robots.txt");
    expect(response.status).toBe(200);
    expectPlainTextHeaders(response);
    const robots = robotsParser(`${baseUrl()}/robots.txt`, await response.text());
    const disallowed = [
      ...DEMO_BLOCKS.map((block) => demoReportPath(block.key)),
      `/?auth=${demoSecret(DEMO_BLOCKS[0]!.publicId)}&id=${DEMO_BLOCKS[0]!.publicId}`,
      "/?id=1ec5d310c951ebd54d84",
      "/?anything",
      "/index.html?id=x&auth=y",
      "/api/report?id=1ec5d310c951ebd54d84&auth=x",
      "/api/v1/blocks",
      "/api/v1/openapi.json",
      "/report-error/404",
      "/sign-in",
      "/staff",
      "/staff/reports/1ec5d310c951ebd54d84",
      "/account",
      "/account/settings",
    ];
    for (const path of disallowed) {
      for (const agent of ["Googlebot", "Bingbot", "AnyOtherBot"])
        expect(robots.isAllowed(`${baseUrl()}${path}`, agent), `${agent} ${path}`).toBe(false);
    }
    // "Find your report" is the one public page.
    expect(robots.isAllowed(`${baseUrl()}/`, "Googlebot")).toBe(true);
  });
});

describe("/.well-known/security.txt (RFC 9116)", () => {
  it("names the contact from the configuration, an Expires in the future, the language and its canonical address", async () => {
    const response = await get("/.well-known/security.txt");
    expect(response.status).toBe(200);
    expectPlainTextHeaders(response);
    expect(response.headers.get("cache-control")).toBe("public, max-age=86400");
    const text = await response.text();
    const fields = text
      .trimEnd()
      .split("\n")
      .map((line) => {
        const [name, ...value] = line.split(": ");
        return [name, value.join(": ")];
      });
    expect(fields.map(([name]) => name)).toEqual(["Contact", "Expires", "Preferred-Languages", "Canonical"]);
    const field = Object.fromEntries(fields) as Record<string, string>;
    // The e2e app sets no SECURITY_CONTACT: the compliance address is the default.
    expect(field.Contact).toBe("mailto:compliance@example.net");
    expect(field["Preferred-Languages"]).toBe("en");
    expect(field.Canonical).toBe(`${baseUrl()}/.well-known/security.txt`);
    // RFC 3339 in UTC, in the future, and less than a year ahead (RFC 9116 section 2.5.5).
    expect(field.Expires).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    const expires = Date.parse(field.Expires!);
    expect(expires).toBeGreaterThan(Date.now() + 30 * 24 * 3600 * 1000);
    expect(expires).toBeLessThan(Date.now() + 365 * 24 * 3600 * 1000);
  });

  it("answers HEAD like GET, without a body", async () => {
    const response = await get("/.well-known/security.txt", { method: "HEAD" });
    expect(response.status).toBe(200);
    expectPlainTextHeaders(response);
    expect(await response.text()).toBe("");
  });
});

describe("X-Robots-Tag on everything a report link answers", () => {
  it("says noindex on the page (rendered and cached), its JSON, its misses and the signed-in pages", async () => {
    const report = demoReportPath("spam-review");
    const answers = [
      await get(report),
      await get(report),
      await get(report, { headers: { Accept: "application/json" } }),
      await get("/?id=ffffffffffffffffffff&auth=nope"),
      await get("/sign-in"),
      await get("/staff"),
    ];
    expect(answers.map((answer) => answer.headers.get("x-report-cache"))).toContain("hit");
    for (const answer of answers) expect(answer.headers.get("x-robots-tag"), answer.url).toBe("noindex, nofollow");
  });
});

describe("the app's log", () => {
  it("is one JSON event per line, without a report secret", async () => {
    // A report view, a miss, and a request that makes Next itself complain (a server action that does not exist).
    await get(demoReportPath("abuse-active"));
    await get(`/?id=ffffffffffffffffffff&auth=${demoSecret(DEMO_BLOCKS[0]!.publicId)}`);
    await get(demoReportPath("abuse-active"), {
      method: "POST",
      headers: { "Next-Action": "0".repeat(42), "Content-Type": "text/plain;charset=UTF-8" },
      body: "[]",
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    const log = await readFile(inject("appLogPath"), "utf8");
    const lines = log.split("\n").filter((line) => line !== "");
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      expect(() => JSON.parse(line), line).not.toThrow();
      expect(JSON.parse(line)).toMatchObject({ level: expect.any(Number), msg: expect.any(String) });
    }
    // Next's own complaint about the post (console.error in Next) is among them.
    expect(log).toContain("Failed to find Server Action");
    for (const block of DEMO_BLOCKS) expect(log).not.toContain(demoSecret(block.publicId));
  });
});
