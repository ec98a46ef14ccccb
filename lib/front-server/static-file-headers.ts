import { readdirSync } from "node:fs";
import path from "node:path";
import type { FastPath } from "./fast-path";

/*
 * Next serves its build's static files (`/_next/static/…`) and the files under public/ with
 * the `send` package, and turns the 412 and 416 that `send` answers a failed precondition or
 * an unsatisfiable range with into 500 (router-server.js; `Range: bytes=9999999-`,
 * `If-Match: "nope"`). Rather than answer those ourselves, the front server drops `Range`,
 * `If-Range`, `If-Match` and `If-Unmodified-Since` from requests for static files: each gets
 * the whole file with 200, which HTTP allows (a server may ignore Range; these are small,
 * immutable files nobody resumes a download of, and nothing here edits them, so If-Match
 * and If-Unmodified-Since guard nothing). A valid range is answered in full with 200 too.
 * `If-None-Match` and `If-Modified-Since` stay: a browser's revalidation still gets 304.
 * Route handlers (`/icon.svg`, `/.well-known/security.txt`) never read these headers.
 */

const DROPPED = ["range", "if-range", "if-match", "if-unmodified-since"] as const;

/** The URL paths of the files under `dir` (public/), e.g. `/robots.txt`; none when it is missing. */
export function publicFilePaths(dir = path.join(process.cwd(), "public")): Set<string> {
  try {
    const files = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
    return new Set(
      files.map((entry) => `/${path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join("/")}`),
    );
  } catch {
    return new Set();
  }
}

/** Whether Next would answer this path from a static file: its build's, or one under public/. */
export function isStaticFilePath(url: string, publicFiles: ReadonlySet<string>): boolean {
  const query = url.indexOf("?");
  const pathname = query < 0 ? url : url.slice(0, query);
  if (pathname.startsWith("/_next/static/")) return true;
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return false;
  }
  return publicFiles.has(decoded);
}

/** Answers nothing: takes the headers `send` would answer 412 or 416 to off static-file requests. */
export function dropStaticFileConditions(publicFiles: ReadonlySet<string> = publicFilePaths()): FastPath {
  return async (req) => {
    if (!DROPPED.some((name) => name in req.headers)) return false;
    if (!isStaticFilePath(req.url ?? "/", publicFiles)) return false;
    for (const name of DROPPED) delete req.headers[name];
    return false;
  };
}
