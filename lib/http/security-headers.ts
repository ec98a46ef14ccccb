import { GLOBAL_HEADERS } from "./global-headers";
import { REPORT_VARY } from "@/lib/reports/report-variant";

/*
 * Headers of every report response (page, JSON, 404/410/429). The report URL carries a
 * capability, so nothing may cache it, index it or send it on as a Referer.
 */

/** A fresh, unguessable nonce per response (128 bits, base64). */
export function createNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

/**
 * A strict, nonce-based policy: only scripts and styles carrying this response's nonce
 * (and what they load, 'strict-dynamic') run; no third-party origin; no plugins; no
 * <base> rewriting; no framing. Style attributes stay blocked, so components never use
 * `style=`. Development adds 'unsafe-eval' and inline styles for React's dev build and Next's overlay.
 */
export function contentSecurityPolicy(nonce: string, { development = false } = {}): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    // Next's development overlay injects unnonced styles; production never needs this.
    development ? "style-src 'self' 'unsafe-inline'" : `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

export const REPORT_HEADERS: Readonly<Record<string, string>> = {
  ...GLOBAL_HEADERS,
  "Cache-Control": "private, no-store",
  "X-Robots-Tag": "noindex, nofollow",
  // The same URL answers HTML or JSON depending on Accept (lib/reports/report-variant.ts).
  Vary: REPORT_VARY,
};
