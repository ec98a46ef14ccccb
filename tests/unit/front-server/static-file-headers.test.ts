import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { IncomingMessage, ServerResponse } from "node:http";
import { describe, expect, it } from "vitest";
import { dropStaticFileConditions, isStaticFilePath, publicFilePaths } from "@/lib/front-server/static-file-headers";

const CONDITIONS = {
  range: "bytes=9999999-",
  "if-range": '"x"',
  "if-match": '"nope"',
  "if-unmodified-since": "Mon, 01 Jan 1990 00:00:00 GMT",
  "if-none-match": '"kept"',
  "if-modified-since": "Mon, 01 Jan 1990 00:00:00 GMT",
};

async function headersAfter(url: string, publicFiles: ReadonlySet<string>) {
  const req = { url, headers: { ...CONDITIONS } } as unknown as IncomingMessage;
  const answered = await dropStaticFileConditions(publicFiles)(req, {} as ServerResponse, async () => {});
  expect(answered).toBe(false);
  return Object.keys(req.headers).sort();
}

describe("dropStaticFileConditions", () => {
  const publicFiles = new Set(["/robots.txt", "/docs/a b.txt"]);

  it("drops Range, If-Range, If-Match and If-Unmodified-Since for static files, keeping the revalidation headers", async () => {
    for (const url of ["/robots.txt", "/robots.txt?x=1", "/_next/static/chunks/abc.js", "/docs/a%20b.txt"])
      expect(await headersAfter(url, publicFiles), url).toEqual(["if-modified-since", "if-none-match"]);
  });

  it("leaves every other request as it was", async () => {
    for (const url of [
      "/",
      "/icon.svg",
      "/.well-known/security.txt",
      "/api/v1/blocks",
      "/robots.txt/x",
      "/_next/image",
    ])
      expect(await headersAfter(url, publicFiles), url).toEqual(Object.keys(CONDITIONS).sort());
  });
});

describe("publicFilePaths", () => {
  it("lists every file under the folder as a URL path, nested ones too", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "public-files-"));
    writeFileSync(path.join(dir, "robots.txt"), "");
    mkdirSync(path.join(dir, "img"));
    writeFileSync(path.join(dir, "img", "logo.png"), "");
    expect([...publicFilePaths(dir)].sort()).toEqual(["/img/logo.png", "/robots.txt"]);
    expect(publicFilePaths(path.join(dir, "missing")).size).toBe(0);
    expect(isStaticFilePath("/img", publicFilePaths(dir))).toBe(false);
  });
});
