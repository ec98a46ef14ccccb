import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { acceptsGzip, readReportViewRequest } from "@/lib/report-cache/report-view-request";

const ID = "1ec5d310c951ebd54d84";
const SECRET = "Ytv7w6bcQvH7FIhzKKIunribyeMlfv8ftXuE7mCZ2FM";
const LINK = `/?id=${ID}&auth=${SECRET}`;

function request(url: string, headers: Record<string, string> = {}, method = "GET"): IncomingMessage {
  const lower = Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
  return { method, url, headers: lower, rawHeaders: Object.entries(headers).flat() } as unknown as IncomingMessage;
}

describe("which requests the report page cache may answer", () => {
  it("a plain GET of a well-formed report link, keyed by the whole URL", () => {
    const view = readReportViewRequest(request(LINK, { Accept: "text/html", "Accept-Encoding": "gzip, br" }));
    expect(view).toMatchObject({ publicId: ID, secret: SECRET, acceptsGzip: true });
    expect(view?.cacheKey).not.toContain(SECRET);
    expect(readReportViewRequest(request(`${LINK}&utm_source=mail`))?.cacheKey).not.toBe(view?.cacheKey);
    expect(readReportViewRequest(request(LINK))?.cacheKey).toBe(view?.cacheKey);
  });

  it("HEAD as well (Node sends no body with it)", () => {
    expect(readReportViewRequest(request(LINK, {}, "HEAD"))).toMatchObject({ publicId: ID });
  });

  it("nothing else: other methods, paths, JSON, the find page, malformed links", () => {
    for (const [url, headers, method] of [
      [LINK, {}, "POST"],
      [LINK, {}, "OPTIONS"],
      [`/api/report?id=${ID}&auth=${SECRET}`, {}, "GET"],
      [LINK, { Accept: "application/json" }, "GET"],
      ["/", {}, "GET"],
      [`/?id=${ID}`, {}, "GET"],
      [`/?id=${ID}&auth=${SECRET}&id=${ID}`, {}, "GET"],
    ] as const) {
      expect(readReportViewRequest(request(url, headers, method)), `${method} ${url}`).toBeNull();
    }
  });

  it("never a client-side navigation, prefetch, server action or request carrying Next's internal headers", () => {
    for (const header of [
      "RSC",
      "Next-Router-State-Tree",
      "Next-Router-Prefetch",
      "Next-Router-Segment-Prefetch",
      "Next-Action",
      "Next-Url",
      "x-middleware-subrequest",
      "x-nextjs-data",
    ]) {
      expect(readReportViewRequest(request(LINK, { [header]: "1" })), header).toBeNull();
    }
  });
});

describe("acceptsGzip", () => {
  it("follows Accept-Encoding, q-values included", () => {
    expect(acceptsGzip("gzip, deflate, br")).toBe(true);
    expect(acceptsGzip("br;q=1.0, gzip;q=0.8")).toBe(true);
    expect(acceptsGzip("*")).toBe(true);
    expect(acceptsGzip("gzip;q=0, *")).toBe(false);
    expect(acceptsGzip("*;q=0")).toBe(false);
    expect(acceptsGzip("identity")).toBe(false);
    expect(acceptsGzip("br")).toBe(false);
    expect(acceptsGzip(undefined)).toBe(false);
  });
});
