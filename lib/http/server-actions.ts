/*
 * Server actions as the front server (lib/front-server/server-action-guard.ts) and proxy.ts
 * see them, before Next decodes anything. A server action is a public POST endpoint: a
 * browser's fetch with the `Next-Action` header, or a form posted without JavaScript
 * (multipart/form-data naming the action in a field). Next answers a post it cannot take
 * (too large, from another site, a body it cannot decode) with 500; the front server
 * answers those with a 4xx before Next is asked.
 */

/**
 * The largest server-action body taken, in bytes; next.config.mjs gives Next the same
 * limit. "Find your report" refuses pastes over 1 MB itself, with a message, so this sits
 * above that and the framework's limit never answers first.
 */
export const SERVER_ACTION_BODY_LIMIT_BYTES = 2 * 1024 * 1024;

type HeaderGetter = (name: string) => string | null | undefined;

/** Whether Next would try this POST as a server action (next/dist/server/lib/server-action-request-meta). */
export function isServerActionPost(method: string | undefined, header: HeaderGetter): boolean {
  if (method !== "POST") return false;
  return typeof header("next-action") === "string" || (header("content-type") ?? "").startsWith("multipart/form-data");
}

/**
 * The host a request was addressed to, as Next compares it with Origin: the first value
 * of X-Forwarded-Host, else Host.
 */
function requestHost(header: HeaderGetter): string | undefined {
  return header("x-forwarded-host")?.split(",")[0]?.trim() || header("host") || undefined;
}

/**
 * Whose page a POST came from, by its Origin header:
 * - "absent": no Origin (a script, not a browser; Next takes it, as it carries nobody's cookies);
 * - "same": this site;
 * - "withheld": `Origin: null` from this site. `Referrer-Policy: no-referrer` makes browsers
 *   send `null` with form posts; Sec-Fetch-Site, which only the browser writes, says the
 *   post came from this origin, and proxy.ts puts the origin back for Next's own check;
 * - "foreign": another site, `null` from anywhere else, or an Origin that is not a URL.
 */
export function postOrigin(header: HeaderGetter): "absent" | "same" | "withheld" | "foreign" {
  const origin = header("origin");
  if (origin === null || origin === undefined) return "absent";
  if (origin === "null") return header("sec-fetch-site") === "same-origin" ? "withheld" : "foreign";
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    return "foreign";
  }
  return host !== "" && host === requestHost(header) ? "same" : "foreign";
}

/** The origin to put back for a "withheld" post: this site as the request addressed it. */
export function withheldOrigin(header: HeaderGetter, scheme: string): string | null {
  const host = requestHost(header);
  return host ? `${header("x-forwarded-proto") ?? scheme}://${host}` : null;
}
