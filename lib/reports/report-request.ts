// The crypto-free module: the find form uses reportPath() in the browser.
import { isWellFormedLink } from "@/lib/report-link/link-format";

export type ReportRequest =
  { kind: "find" } | { kind: "link"; publicId: string; secret: string } | { kind: "malformed" };

/**
 * What `/` was asked for: no `id` and no `auth` is the "find your report" page; exactly
 * one well-formed `id` and `auth` is a report link; anything else is malformed, and is
 * answered exactly like an unknown link. Other parameters (tracking tags added by mail
 * clients) are ignored.
 */
export function readReportRequest(params: URLSearchParams): ReportRequest {
  const ids = params.getAll("id");
  const auths = params.getAll("auth");
  if (ids.length === 0 && auths.length === 0) return { kind: "find" };
  const [publicId] = ids;
  const [secret] = auths;
  if (ids.length === 1 && auths.length === 1 && isWellFormedLink(publicId, secret)) {
    return { kind: "link", publicId, secret: secret as string };
  }
  return { kind: "malformed" };
}

/** Request header carrying a report link's query string from proxy.ts to the JSON route. */
export const REPORT_LINK_HEADER = "x-report-link";

/**
 * Request header carrying a replaced link's public id from proxy.ts to the 410 page
 * (app/report-error), which names the report so the sender can quote it to compliance.
 */
export const REPLACED_LINK_ID_HEADER = "x-replaced-report-id";

/** Next's `searchParams` prop as URLSearchParams, keeping repeated keys. */
export function toSearchParams(record: Record<string, string | string[] | undefined>): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(record)) {
    for (const item of Array.isArray(value) ? value : value === undefined ? [] : [value]) params.append(key, item);
  }
  return params;
}

/** The URL of a report, relative to this site: the form the find page redirects to. */
export function reportPath(publicId: string, secret: string): string {
  return `/?${new URLSearchParams({ id: publicId, auth: secret }).toString()}`;
}

/**
 * The client a miss (or a submission) is counted against: the first address of
 * X-Forwarded-For, else the address the app itself saw. The front server that serves the
 * app (lib/front-server) first rewrites the header to the single address it resolved past
 * TRUSTED_PROXY_HOPS proxies, so what a client writes into it is never taken on trust.
 */
export function clientAddress(headers: Headers, fallback = "unknown"): string {
  const first = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  const candidate = first || headers.get("x-real-ip")?.trim() || fallback;
  // Bounded and plain so a forged header cannot bloat the rate-limit table or the log.
  return candidate.slice(0, 64).replace(/[^0-9A-Za-z.:_-]/g, "_");
}
