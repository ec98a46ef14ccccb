import type { ReportView } from "@/lib/reports/report-view";
import { adviseRemediation, summariseReason, type Remediation } from "@/lib/evidence";
import { describeTarget } from "./describe-target";
import { describeReviewTimeline, type ReviewTimeline, type ReviewTimes } from "./review-timeline";

/**
 * The JSON variant of a report (`Accept: application/json`), documented in
 * lib/reports/report-json.md: the report as the page shows it, plus the one-sentence reason and
 * the remediation steps the page derives from the evidence.
 */
export interface ReportJson {
  report: ReportView;
  summary: string;
  remediation: Remediation;
  /** How long a review usually takes, where an open request stands, and whether the block ends by itself first: the page's words. */
  reviewTimeline: ReviewTimeline;
}

export function toReportJson(report: ReportView, reviewTimes: ReviewTimes, now = new Date()): ReportJson {
  return {
    report,
    reviewTimeline: describeReviewTimeline(report, reviewTimes, now),
    summary: summariseReason(report.reason, report.evidence),
    remediation: adviseRemediation({
      reason: report.reason,
      target: describeTarget(report.target).short,
      evidence: report.evidence,
    }),
  };
}

export const REPORT_JSON_ERRORS = {
  404: { error: { code: "NOT_FOUND", message: "No report matches this link." } },
  410: { error: { code: "GONE", message: "This report link was replaced by a newer one." } },
  429: { error: { code: "RATE_LIMITED", message: "Too many links that did not match. Try again later." } },
} as const;
