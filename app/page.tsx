import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { cache } from "react";
import { FindReportPage } from "@/components/find/find-report-page";
import { ReportPage } from "@/components/report/report-page";
import { getReportByLink, type ReportView } from "@/lib/reports/data/get-report";
import { getReviewTimes } from "@/lib/reports/data/review-times";
import { env } from "@/lib/env";
import { checkedRenderIsGenuine } from "@/lib/http/link-check-handoff";
import { isAppError } from "@/lib/errors";
import { readReportRequest, toSearchParams } from "@/lib/reports/report-request";
import { reportTitle } from "@/lib/reports/report-title";

/*
 * `/` is two pages: "find your report" without parameters, the report with `id` and
 * `auth`. proxy.ts has already answered unknown, rotated and rate-limited links with the
 * fixed 404/410/429 pages; this page checks the secret again itself, because the proxy
 * only routes and is no authorization boundary.
 *
 * An EXPIRED or LIFTED block opened with its current secret is shown (200), with the
 * outcome at the top, so an old bounce still explains what happened. 410 is only for a
 * secret that was rotated away (retired_secret).
 */

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/*
 * The title says what the page is: "Blocked: newsletter-app — Example Relay".
 * The report is loaded once per request for the title and the page alike (cache()).
 */
export async function generateMetadata({ searchParams }: { searchParams: SearchParams }): Promise<Metadata> {
  const request = readReportRequest(toSearchParams(await searchParams));
  if (request.kind === "find") return { title: "Find your report" };
  if (request.kind === "malformed") return { title: "Report not found" };
  const report = await loadReport(request.publicId, request.secret);
  return { title: { absolute: reportTitle(report, env.RELAY_NAME) } };
}

const loadReport = cache(async (publicId: string, secret: string): Promise<ReportView> => {
  try {
    return await getReportByLink({ publicId, secret });
  } catch (error) {
    // Only reached when a link stopped working between the proxy's check and this render.
    if (isAppError(error) && (error.code === "NOT_FOUND" || error.code === "GONE")) notFound();
    throw error;
  }
});

export default async function HomePage({ searchParams }: { searchParams: SearchParams }) {
  const request = readReportRequest(toSearchParams(await searchParams));
  if (request.kind === "find") return <FindReportPage relayName={env.RELAY_NAME} />;
  if (request.kind === "malformed") notFound();
  // proxy.ts did not run for this request: only believe that when the front server says so.
  if (!checkedRenderIsGenuine(await headers(), request)) notFound();
  const now = new Date();
  const [report, reviewTimes] = await Promise.all([loadReport(request.publicId, request.secret), getReviewTimes(now)]);
  return (
    <ReportPage
      report={report}
      reviewTimes={reviewTimes}
      auth={request.secret}
      now={now}
      relayName={env.RELAY_NAME}
      complianceEmail={env.COMPLIANCE_EMAIL}
    />
  );
}
