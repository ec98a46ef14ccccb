import { brotliDecompressSync, gunzipSync, inflateSync } from "node:zlib";
import type { CapturedResponse } from "./capture-response";
import { deflateTemplate, type GzipTemplate } from "./gzip-template";
import type { CacheEntry } from "./page-cache";
import { buildTemplate, countHoles, type PageTemplate } from "./page-template";

/** Tells whether a report page came from the cache ("hit") or was rendered by Next ("miss"). Not secret. */
export const CACHE_STATE_HEADER = "X-Report-Cache";

/** A cached page ready to be sent again. */
export interface PreparedPage {
  template: PageTemplate;
  /** The template's gzip form, made on the first view that accepts gzip and kept. */
  gzip: () => GzipTemplate;
  /** The headers Next sent, in order, each value split at the nonce (CSP, Link). */
  headers: { name: string; parts: string[] }[];
}

export interface CachedPage extends CacheEntry {
  /**
   * The page made ready to send (decoded, checked, cut into a template) on its first hit,
   * then kept; or why it must not be repeated after all. Most links are viewed once, and
   * this work (about an eighth of a millisecond for a 100 kB page) was a measurable part of
   * every render.
   */
  prepare: () => PreparedPage | Uncachable;
}

/* Hop-by-hop and framing headers are written per response; the cache state is ours. */
const NOT_REPEATED = new Set([
  "date",
  "connection",
  "keep-alive",
  "transfer-encoding",
  "content-length",
  "content-encoding",
  CACHE_STATE_HEADER.toLowerCase(),
]);
// lib/http/security-headers.ts createNonce(): 16 random bytes in base64.
const NONCE = /'nonce-([A-Za-z0-9+/]{22}==)'/;

// A render that failed part way still says 200. React marks the failed part with one of
// these (react-dom/server: a client-rendered Suspense boundary, its error template, a
// late error). None can come from text on the page: "<" is escaped there, and in the RSC
// payload too, so hostile evidence cannot make a report uncacheable.
const FAILED_PART = ["<!--$!-->", "<template data-dgst", "<template data-rxi"].map((marker) => Buffer.from(marker));

function decode(body: Buffer, encoding: string | undefined): Buffer | null {
  try {
    switch (encoding?.trim().toLowerCase() ?? "identity") {
      case "identity":
        return body;
      case "gzip":
        return gunzipSync(body);
      case "deflate":
        return inflateSync(body);
      case "br":
        return brotliDecompressSync(body);
      default:
        return null;
    }
  } catch {
    return null;
  }
}

function withVaryOnEncoding(headers: [string, string][]): [string, string][] {
  // Hits are gzipped or not depending on the client, whatever the rendering request sent.
  const vary = headers.find(([name]) => name.toLowerCase() === "vary");
  if (!vary) return [...headers, ["Vary", "Accept-Encoding"]];
  if (!/accept-encoding/i.test(vary[1])) vary[1] = `${vary[1]}, Accept-Encoding`;
  return headers;
}

/** Why Next's answer was not kept, for the log. */
export interface Uncachable {
  uncachable: string;
}

/*
 * The page's length once decoded, for the cache's accounting, without decoding it: gzip
 * ends with it (ISIZE, RFC 1952; pages are far below 4 GiB); other encodings are decoded.
 */
function decodedLength(body: Buffer, encoding: string | undefined): number | null {
  const name = encoding?.trim().toLowerCase() ?? "identity";
  if (name === "identity") return body.length;
  if (name === "gzip") return body.length >= 18 ? body.readUInt32LE(body.length - 4) : null;
  return decode(body, encoding)?.length ?? null;
}

/**
 * A cache entry from Next's answer to a report view, or why the answer must not be
 * repeated: not a 200 HTML page, a cookie in it, no nonce in its CSP, an unknown encoding;
 * and, found when the entry is first served (prepare), a body that does not decode, a render
 * that failed part way, or a page without its nonce. `submissionId` is the one-time id the
 * front server handed this render (lib/http/link-check-handoff.ts): wherever it occurs, a
 * cached copy gets a fresh one.
 */
export function toCachedPage(
  response: CapturedResponse,
  entry: Omit<CacheEntry, "bytes">,
  submissionId: string,
): CachedPage | Uncachable {
  const header = (name: string) => response.headers.find(([sent]) => sent.toLowerCase() === name)?.[1];
  if (response.statusCode !== 200) return { uncachable: `status ${response.statusCode}` };
  if (!header("content-type")?.startsWith("text/html")) return { uncachable: "not HTML" };
  if (header("set-cookie") !== undefined) return { uncachable: "sets a cookie" };
  const nonce = NONCE.exec(header("content-security-policy") ?? "")?.[1];
  if (!nonce) return { uncachable: "no CSP nonce" };
  const encoding = header("content-encoding");
  const length = decodedLength(response.body, encoding);
  if (length === null) return { uncachable: `unknown content encoding ${encoding}` };
  let prepared: PreparedPage | Uncachable | undefined;
  return {
    ...entry,
    // The template and, once asked for, its gzip form (deflate output stays below its
    // input plus a little): counted from the start.
    bytes: 2 * length + 1024,
    prepare: () => (prepared ??= preparePage(response, encoding, nonce, submissionId)),
  };
}

function preparePage(
  response: CapturedResponse,
  encoding: string | undefined,
  nonce: string,
  submissionId: string,
): PreparedPage | Uncachable {
  const page = decode(response.body, encoding);
  if (!page) return { uncachable: `content encoding ${encoding} does not decode` };
  if (FAILED_PART.some((marker) => page.includes(marker))) return { uncachable: "a part of the render failed" };
  const template = buildTemplate(page, [nonce, submissionId]);
  // A page without its nonce in it is not the page this cache was written for.
  if (countHoles(template, 0) === 0) return { uncachable: "the nonce is not in the page" };
  const headers = withVaryOnEncoding(response.headers.filter(([name]) => !NOT_REPEATED.has(name.toLowerCase()))).map(
    ([name, value]) => ({ name, parts: value.split(nonce) }),
  );
  // Deflating a 100 kB page costs about as much CPU as a tenth of its render: not on the
  // render's path, and never for a link only viewed once.
  let gzip: GzipTemplate | undefined;
  return { template, gzip: () => (gzip ??= deflateTemplate(template)), headers };
}
