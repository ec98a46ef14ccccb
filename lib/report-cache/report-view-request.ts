import { createHash } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { readReportRequest } from "@/lib/reports/report-request";
import { reportVariant } from "@/lib/reports/report-variant";

export interface ReportViewRequest {
  publicId: string;
  secret: string;
  /**
   * SHA-256 of the whole request target. The page embeds its URL (extra query parameters
   * included) in Next's payload, so only the identical URL may share a cached page; a
   * digest, because the URL carries the secret.
   */
  cacheKey: string;
  acceptsGzip: boolean;
}

/*
 * Only a browser's (or link scanner's) plain document request may be answered from the
 * page cache. Client-side navigations and prefetches (RSC and Next-Router-* headers),
 * server actions, Next's internal headers and the JSON variant always go to Next.
 */
function isNextInternal(name: string): boolean {
  return name === "rsc" || name.startsWith("next-") || name.startsWith("x-middleware") || name.startsWith("x-nextjs");
}

/** The report link of a cacheable report view, or null for every other request. */
export function readReportViewRequest(req: IncomingMessage): ReportViewRequest | null {
  const url = req.url;
  // HEAD too: some link scanners check a link with HEAD first; Node sends no body for it.
  if ((req.method !== "GET" && req.method !== "HEAD") || !url?.startsWith("/?")) return null;
  const raw = req.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) {
    if (isNextInternal(raw[i]!.toLowerCase())) return null;
  }
  if (reportVariant(req.headers.accept) !== "html") return null;
  const link = readReportRequest(new URLSearchParams(url.slice(2)));
  if (link.kind !== "link") return null;
  return {
    publicId: link.publicId,
    secret: link.secret,
    cacheKey: createHash("sha256").update(url).digest("base64"),
    acceptsGzip: acceptsGzip(req.headers["accept-encoding"]),
  };
}

/** Whether Accept-Encoding allows gzip (RFC 9110 §12.5.3: `gzip`, or `*`, with q > 0). */
export function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  let wildcard = false;
  for (const part of header.split(",")) {
    const [name = "", ...params] = part.split(";").map((piece) => piece.trim().toLowerCase());
    const q = params.find((param) => param.startsWith("q="));
    const allowed = q === undefined || Number(q.slice(2)) > 0;
    if (name === "gzip" || name === "x-gzip") return allowed;
    if (name === "*") wildcard = allowed;
  }
  return wildcard;
}
