import type { ReportView } from "@/lib/data/reports/report-view";
import { adviseRemediation, summariseReason, type Remediation } from "@/lib/evidence";
import { describeTarget } from "./describe-target";

/**
 * The JSON variant of a report (`Accept: application/json`), documented in
 * docs/report-json.md: the report as the page shows it, plus the one-sentence reason and
 * the remediation steps the page derives from the evidence.
 */
export interface ReportJson {
  report: ReportView;
  summary: string;
  remediation: Remediation;
}

export function toReportJson(report: ReportView): ReportJson {
  return {
    report,
    summary: summariseReason(report.reason, report.evidence),
    remediation: adviseRemediation({ reason: report.reason, target: describeTarget(report.target).short, evidence: report.evidence }),
  };
}

export const REPORT_JSON_ERRORS = {
  404: { error: { code: "NOT_FOUND", message: "No report matches this link." } },
  410: { error: { code: "GONE", message: "This report link was replaced by a newer one." } },
  429: { error: { code: "RATE_LIMITED", message: "Too many links that did not match. Try again later." } },
} as const;
