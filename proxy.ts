import { NextResponse, type NextRequest } from "next/server";
import { renderReportErrorPage } from "@/app/report-error/[status]/error-pages";
import { checkReportLink, recordReportLinkMiss } from "@/lib/reports/data/report-link-access";
import { AREA_NOT_FOUND_HEADER, AREA_PATH_HEADER, areaAnswersNotFound } from "@/lib/auth/area-not-found";
import { sessionUserOf } from "@/lib/auth/session";
import { SESSION_COOKIE } from "@/lib/auth/session-token";
import { env } from "@/lib/env";
import { checkedLinkOutcome } from "@/lib/http/link-check-handoff";
import { postOrigin, withheldOrigin } from "@/lib/http/server-actions";
import { contentSecurityPolicy, createNonce, REPORT_HEADERS } from "@/lib/http/security-headers";
import { logger } from "@/lib/log";
import {
  clientAddress,
  readReportRequest,
  REPLACED_LINK_ID_HEADER,
  REPORT_LINK_HEADER,
} from "@/lib/reports/report-request";
import { reportVariant } from "@/lib/reports/report-variant";

/*
 * Runs before `/` (and the staff and owner pages) render. It gives every response a fresh CSP nonce and decides which
 * answer a report link gets: the report page, the JSON route, or the fixed 404/410/429
 * pages (a page cannot answer 410 or 429, and Next's not-found page embeds the URL); and
 * which page of the console or the owner portal is a 404, answered with the area's own 404 page.
 *
 * This is routing, not authorization: the page and the JSON route look the report up
 * by its secret again and refuse on their own. Server actions (POST) and client-side
 * navigations pass through for the same reason, but a wrong link they carry counts
 * towards the client's miss limit as a document's does (countPostedMiss).
 */

type Route =
  | { rewrite: string; headers?: Record<string, string> }
  /** Answered here: a client over the miss limit posting or navigating to a wrong link. */
  | { limited: { retryAfterSeconds: number } }
  | null;

async function routeReportLink(request: NextRequest): Promise<Route> {
  const { pathname, searchParams, search } = request.nextUrl;
  if (pathname !== "/") return null;
  const link = readReportRequest(searchParams);
  if (link.kind === "find") return null;
  if ((request.method !== "GET" && request.method !== "HEAD") || request.headers.has("rsc"))
    return countPostedMiss(request, link);
  // The link travels in a request header, not the rewrite URL: Next echoes that URL back
  // in x-middleware-rewrite, which would put the secret in a response header and make
  // two misses' headers differ.
  if (reportVariant(request.headers.get("accept")) === "json")
    return { rewrite: "/api/report", headers: { [REPORT_LINK_HEADER]: search } };
  // The front server (npm start) has usually checked this link already; see link-check-handoff.ts.
  const outcome = link.kind === "link" ? (checkedLinkOutcome(link) ?? (await checkReportLink(link))) : "not_found";
  if (outcome === "found") return null;
  // Only the public id, which the visitor's own URL holds: the 410 page names the report by it.
  if (outcome === "gone")
    return {
      rewrite: "/report-error/410",
      headers: link.kind === "link" ? { [REPLACED_LINK_ID_HEADER]: link.publicId } : {},
    };
  const miss = await recordReportLinkMiss(clientAddress(request.headers));
  if (miss.limited)
    return { rewrite: "/report-error/429", headers: { "x-retry-after": String(miss.retryAfterSeconds) } };
  return { rewrite: "/report-error/404" };
}

/*
 * A form posted to `/?id&auth` (a server action, with or without JavaScript) or a client-side
 * navigation to it renders the page after the action, and the page answers a wrong link
 * with its 404: counted here like a wrong link opened as a document, and refused with 429
 * once the client is over the limit, so posting is no way round it. Only misses count, as
 * for documents; what the post itself does is its action's business (each re-checks its link).
 */
async function countPostedMiss(request: NextRequest, link: ReturnType<typeof readReportRequest>): Promise<Route> {
  if (link.kind === "link" && (await checkReportLink(link)) !== "not_found") return null;
  const miss = await recordReportLinkMiss(clientAddress(request.headers));
  return miss.limited ? { limited: { retryAfterSeconds: miss.retryAfterSeconds } } : null;
}

/*
 * Whether a page of the owner portal or the console answers 404 (another account's report,
 * an admin page for a reviewer, …), loaded as a document: then it is answered with the status
 * 404 and the area's layout shows its 404 page, as Next would leave a page's own notFound()
 * blank without JavaScript (see lib/auth/area-not-found.ts). Client-side navigations (RSC)
 * get the page's notFound().
 */
async function isAreaNotFound(request: NextRequest): Promise<boolean> {
  const { pathname } = request.nextUrl;
  if ((request.method !== "GET" && request.method !== "HEAD") || request.headers.has("rsc")) return false;
  const token = request.cookies.get(SESSION_COOKIE.name)?.value;
  if (!token || !(pathname.startsWith("/account") || pathname.startsWith("/staff"))) return false;
  return areaAnswersNotFound(pathname, await sessionUserOf(token));
}

/*
 * `Referrer-Policy: no-referrer` makes browsers send `Origin: null` with form posts, and
 * Next's CSRF check rejects that, so every form on these pages would fail without
 * JavaScript. When Sec-Fetch-Site (written by the browser alone) says the post came from
 * this origin, the origin it withheld is put back (lib/http/server-actions.ts). A
 * cross-site post keeps `null` and is refused: by the front server with 403 before Next
 * (npm start), by Next itself under `next dev`.
 */
function restoreSameOriginPost(request: NextRequest, headers: Headers) {
  const header = (name: string) => request.headers.get(name);
  if (request.method !== "POST" || postOrigin(header) !== "withheld") return;
  const origin = withheldOrigin(header, request.nextUrl.protocol.replace(":", ""));
  if (origin) headers.set("origin", origin);
}

export async function proxy(request: NextRequest) {
  const nonce = createNonce();
  const csp = contentSecurityPolicy(nonce, { development: env.NODE_ENV === "development" });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.delete("x-retry-after");
  requestHeaders.delete(REPORT_LINK_HEADER);
  requestHeaders.delete(REPLACED_LINK_ID_HEADER);
  requestHeaders.delete(AREA_NOT_FOUND_HEADER);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set(AREA_PATH_HEADER, request.nextUrl.pathname);
  requestHeaders.set("Content-Security-Policy", csp);
  restoreSameOriginPost(request, requestHeaders);

  let route: Route = null;
  try {
    route = await routeReportLink(request);
  } catch (error) {
    // The page repeats the lookup and shows the failure itself; never log the URL.
    logger.error({ err: error }, "report link routing failed");
  }
  if (route && "limited" in route) {
    const { retryAfterSeconds } = route.limited;
    return new NextResponse(renderReportErrorPage(429, nonce, { retryAfterSeconds }), {
      status: 429,
      headers: {
        ...REPORT_HEADERS,
        "Content-Type": "text/html; charset=utf-8",
        "Content-Security-Policy": csp,
        "Retry-After": String(retryAfterSeconds),
      },
    });
  }
  let notFound = false;
  try {
    notFound = !route && (await isAreaNotFound(request));
  } catch (error) {
    // The page decides again (with notFound(), blank without JavaScript) or shows the failure.
    logger.error({ err: error }, "not-found routing failed");
  }
  if (notFound) requestHeaders.set(AREA_NOT_FOUND_HEADER, "1");
  for (const [key, value] of Object.entries(route?.headers ?? {})) requestHeaders.set(key, value);

  const response = route
    ? NextResponse.rewrite(new URL(route.rewrite, request.url), { request: { headers: requestHeaders } })
    : NextResponse.next({ request: { headers: requestHeaders }, status: notFound ? 404 : undefined });
  response.headers.set("Content-Security-Policy", csp);
  for (const [key, value] of Object.entries(REPORT_HEADERS)) response.headers.set(key, value);
  return response;
}

// `/` (the report and "find your report"), the staff console, the owner portal and the
// sign-in: pages rendered per request, which nonces require, and with forms that must post
// without JavaScript.
// A report view the front server checked and found carries x-block-reports-checked-render
// (CHECKED_RENDER_HEADER in lib/http/link-check-handoff.ts) and skips the proxy: the front
// server has done its work.
export const config = {
  matcher: [
    { source: "/", missing: [{ type: "header", key: "x-block-reports-checked-render" }] },
    "/sign-in",
    "/staff",
    "/staff/:path*",
    "/account",
    "/account/:path*",
    "/password",
    "/forgot-password",
    "/reset-password",
    "/invitation",
    "/unsubscribe/:path*",
    "/notifications/confirm",
  ],
};
