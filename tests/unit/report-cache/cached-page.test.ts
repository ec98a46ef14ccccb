import { gunzipSync, gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { toCachedPage as toCachedPageWithId, type CachedPage, type PreparedPage } from "@/lib/report-cache/cached-page";
import type { CapturedResponse } from "@/lib/report-cache/capture-response";
import { fillGzipTemplate } from "@/lib/report-cache/gzip-template";
import { fillTemplate } from "@/lib/report-cache/page-template";

const NONCE = "o+WJw7+jDvGRcz5wElZbxg==";
const UUID = "231198fc-ff1c-4a8b-8e81-e32c8061d4ee";
const HTML = `<html><script nonce="${NONCE}"></script><input type="hidden" name="submissionId" value="${UUID}"/></html>`;
const entry = { version: "v1", freshUntil: 1 };

/** As the front server uses it: with the submission id it handed the render, prepared as on its first hit. */
function toCachedPage(response: CapturedResponse, at = entry): (PreparedPage & { bytes: number }) | null {
  const result = toCachedPageWithId(response, at, UUID);
  if ("uncachable" in result) return null;
  const prepared = result.prepare();
  return "uncachable" in prepared ? null : { ...prepared, bytes: result.bytes };
}

function captured(overrides: Partial<CapturedResponse> = {}, extraHeaders: [string, string][] = []): CapturedResponse {
  return {
    statusCode: 200,
    body: Buffer.from(HTML),
    headers: [
      ["Content-Type", "text/html; charset=utf-8"],
      ["content-security-policy", `script-src 'self' 'nonce-${NONCE}' 'strict-dynamic'`],
      ["Link", `</a.css>; rel=preload; nonce="${NONCE}"`],
      ["Vary", "rsc, next-router-state-tree"],
      ["Date", "Sat, 28 Nov 2026 01:41:40 GMT"],
      ["X-Report-Cache", "miss"],
      ...extraHeaders,
    ],
    ...overrides,
  };
}

describe("what Next's answer to a report view becomes in the cache", () => {
  it("a template with the nonce and the submission id as holes, and its headers split at the nonce", () => {
    const page = toCachedPage(captured())!;
    expect(page.template.holes).toEqual([0, 1]);
    expect(fillTemplate(page.template, [Buffer.from(NONCE), Buffer.from(UUID)]).toString()).toBe(HTML);
    expect(page.headers.map((header) => header.name)).toEqual([
      "Content-Type",
      "content-security-policy",
      "Link",
      "Vary",
    ]);
    expect(page.headers[1]!.parts).toHaveLength(2);
    expect(page.headers[3]!.parts.join("")).toBe("rsc, next-router-state-tree, Accept-Encoding");
    expect(page.bytes).toBeGreaterThan(HTML.length);
  });

  it("makes its gzip form when first asked, once, within the room the cache counted for it", () => {
    const page = toCachedPage(captured(), entry)!;
    const gzip = page.gzip();
    expect(page.gzip()).toBe(gzip);
    expect(gunzipSync(fillGzipTemplate(page.template, gzip, [Buffer.from(NONCE), Buffer.from(UUID)])).toString()).toBe(
      HTML,
    );
    expect(page.template.length + gzip.length).toBeLessThanOrEqual(page.bytes);
  });

  it("decodes a compressed answer first", () => {
    const page = toCachedPage(captured({ body: gzipSync(HTML) }, [["Content-Encoding", "gzip"]]))!;
    expect(fillTemplate(page.template, [Buffer.from(NONCE), Buffer.from(UUID)]).toString()).toBe(HTML);
    expect(page.headers.some((header) => header.name === "Content-Encoding")).toBe(false);
  });

  it("refuses what must not be repeated", () => {
    expect(toCachedPage(captured({ statusCode: 404 }))).toBeNull();
    expect(toCachedPage(captured({}, [["Set-Cookie", "a=b"]]))).toBeNull();
    expect(toCachedPage(captured({ body: Buffer.from("<html>no nonce here</html>") }))).toBeNull();
    expect(toCachedPage(captured({}, [["Content-Encoding", "zstd"]]))).toBeNull();
    expect(toCachedPage(captured({ headers: [["Content-Type", "application/json"]] }))).toBeNull();
    for (const failed of [
      `<!--$!--><template data-dgst="1234"></template>`,
      `<template data-rxi="" data-bid="B:0" data-dgst="1"></template>`,
    ]) {
      expect(toCachedPage(captured({ body: Buffer.from(HTML.replace("</html>", `${failed}</html>`)) }))).toBeNull();
    }
    // The same words as text (escaped), e.g. in hostile evidence, do not stop caching.
    expect(
      toCachedPage(captured({ body: Buffer.from(HTML.replace("</html>", "&lt;template data-dgst</html>")) })),
    ).not.toBeNull();
  });
});

describe("why an answer is not cached", () => {
  it("is said in words, for the log", () => {
    expect(toCachedPageWithId(captured({ statusCode: 404 }), entry, UUID)).toEqual({ uncachable: "status 404" });
    expect(toCachedPageWithId(captured({}, [["Set-Cookie", "a=b"]]), entry, UUID)).toEqual({
      uncachable: "sets a cookie",
    });
  });

  it("takes the submission id it was handed, not whatever looks like one", () => {
    const other = "00000000-0000-4000-8000-000000000000";
    const page = toCachedPage(captured({ body: Buffer.from(HTML.replace(UUID, other)) }))!;
    expect(page.template.holes).toEqual([0]);
  });

  it("looks into the body only when the page is first served again, once (most pages never are)", () => {
    const failed = captured({ body: Buffer.from(HTML.replace("</html>", "<!--$!--></html>")) });
    const page = toCachedPageWithId(failed, entry, UUID) as CachedPage;
    expect(page.version).toBe("v1");
    expect(page.prepare()).toEqual({ uncachable: "a part of the render failed" });
    const good = toCachedPageWithId(captured(), entry, UUID) as CachedPage;
    expect(good.prepare()).toBe(good.prepare());
    const broken = toCachedPageWithId(
      captured({ body: gzipSync(HTML).subarray(0, 30) }, [["Content-Encoding", "gzip"]]),
      entry,
      UUID,
    ) as CachedPage;
    expect(broken.prepare()).toEqual({ uncachable: "content encoding gzip does not decode" });
  });

  it("counts a compressed page at its decoded size without decoding it", () => {
    const big = HTML.replace("</html>", `${"x".repeat(50_000)}</html>`);
    const plain = toCachedPageWithId(captured({ body: Buffer.from(big) }), entry, UUID) as CachedPage;
    const gzipped = toCachedPageWithId(
      captured({ body: gzipSync(big) }, [["Content-Encoding", "gzip"]]),
      entry,
      UUID,
    ) as CachedPage;
    expect(gzipped.bytes).toBe(plain.bytes);
    expect(plain.bytes).toBeGreaterThan(2 * big.length);
  });
});
