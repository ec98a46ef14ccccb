import { GLOBAL_HEADERS } from "@/lib/http/global-headers";
import type { FastPath } from "./fast-path";

/**
 * True for a request target whose path Next answers with its own 308 before anything of the
 * app runs (not proxy.ts, not next.config.mjs's headers()): repeated slashes and backslashes,
 * which it collapses, and a trailing slash, which it drops (`trailingSlash: false`).
 */
export function nextRedirectsPath(target: string): boolean {
  const end = target.search(/[?#]/);
  const path = end === -1 ? target : target.slice(0, end);
  return path.includes("//") || path.includes("\\") || (path.length > 1 && path.endsWith("/"));
}

/** What such a redirect carries: the headers of every answer, and never stored. */
export const REDIRECT_HEADERS: Readonly<Record<string, string>> = { ...GLOBAL_HEADERS, "Cache-Control": "no-store" };

/*
 * Next's normalising 308 keeps the query, so `//?id=…&auth=…` (a report link pasted with one
 * slash too many) came back with its secret in Location and no header at all: a "permanent"
 * redirect any cache may keep, without `Referrer-Policy: no-referrer` or `nosniff`. The front
 * server sets the headers before Next writes the redirect; Next keeps what is set. It never
 * answers: Next still decides where to go.
 */
export const secureNextRedirects: FastPath = async (req, res) => {
  if (nextRedirectsPath(req.url ?? ""))
    for (const [name, value] of Object.entries(REDIRECT_HEADERS)) res.setHeader(name, value);
  return false;
};
