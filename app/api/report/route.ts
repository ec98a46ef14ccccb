import type { NextRequest } from "next/server";
import { getReportByLink } from "@/lib/reports/data/get-report";
import { recordReportLinkMiss } from "@/lib/reports/data/report-link-access";
import { getReviewTimes } from "@/lib/reports/data/review-times";
import { isAppError } from "@/lib/errors";
import { REPORT_HEADERS } from "@/lib/http/security-headers";
import { REPORT_JSON_ERRORS, toReportJson } from "@/lib/reports/report-json";
import { clientAddress, readReportRequest, REPORT_LINK_HEADER } from "@/lib/reports/report-request";

/*
 * The JSON variant of the report page: proxy.ts rewrites `/?id&auth` here when the
 * client sends `Accept: application/json`. It checks the secret itself and follows the
 * page's rules: one identical 404 for every kind of miss, 410 for a rotated link, 429
 * when a client keeps missing. A view reads and never writes; a miss writes one counter.
 */
export async function GET(request: NextRequest) {
  // From proxy.ts (see there), or the query when this route is called directly.
  const forwarded = request.headers.get(REPORT_LINK_HEADER);
  const link = readReportRequest(forwarded === null ? request.nextUrl.searchParams : new URLSearchParams(forwarded));
  if (link.kind === "link") {
    try {
      const now = new Date();
      const [report, reviewTimes] = await Promise.all([getReportByLink(link, now), getReviewTimes(now)]);
      return Response.json(toReportJson(report, reviewTimes, now), { headers: REPORT_HEADERS });
    } catch (error) {
      if (!isAppError(error) || (error.code !== "NOT_FOUND" && error.code !== "GONE")) throw error;
      if (error.code === "GONE")
        return Response.json(REPORT_JSON_ERRORS[410], { status: 410, headers: REPORT_HEADERS });
    }
  }
  const miss = await recordReportLinkMiss(clientAddress(request.headers));
  if (miss.limited) {
    return Response.json(REPORT_JSON_ERRORS[429], {
      status: 429,
      headers: { ...REPORT_HEADERS, "Retry-After": String(miss.retryAfterSeconds) },
    });
  }
  return Response.json(REPORT_JSON_ERRORS[404], { status: 404, headers: REPORT_HEADERS });
}

export const dynamic = "force-dynamic";
