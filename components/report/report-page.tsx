import { PageShell } from "@/components/ui/page-shell";
import type { ReportView } from "@/lib/data/reports/report-view";
import { adviseRemediation, summariseReason } from "@/lib/evidence";
import { describeTarget } from "@/lib/reports/describe-target";
import { orderEvidence } from "@/lib/reports/evidence-order";
import { ActionsSection } from "./actions-section";
import { EvidenceSection } from "./evidence-section";
import { HelpSection } from "./help-section";
import { describeReviewTimeline, type ReviewTimes } from "@/lib/reports/review-timeline";
import { NextStep } from "./next-step";
import { RemediationSection } from "./remediation-section";
import { ReportHeader } from "./report-header";
import { TimelineSection } from "./timeline-section";
import { WhySection } from "./why-section";

interface ReportPageProps {
  report: ReportView;
  /** How long reviews take now (lib/data/reports/review-times.ts). */
  reviewTimes: ReviewTimes;
  auth: string;
  now: Date;
  relayName: string;
  complianceEmail: string;
}

/** The whole report, in the order of REPORT-PAGE.md: status, why, what to do, evidence, timeline, review. */
export function ReportPage({ report, reviewTimes, auth, now, relayName, complianceEmail }: ReportPageProps) {
  const timeline = describeReviewTimeline(report, reviewTimes, now);
  const summary = summariseReason(report.reason, report.evidence);
  const remediation = adviseRemediation({ reason: report.reason, target: describeTarget(report.target).short, evidence: report.evidence });
  return (
    <PageShell relayName={relayName} title="Block report" aside={<span className="font-mono">Report {report.publicId}</span>}>
      <ReportHeader report={report} summary={summary} now={now} nextStep={<NextStep report={report} now={now} timeline={timeline} />} />
      <WhySection report={report} />
      <RemediationSection report={report} remediation={remediation} now={now} />
      <EvidenceSection evidence={orderEvidence(report.reason, report.evidence)} />
      <TimelineSection events={report.events} now={now} />
      <ActionsSection report={report} auth={auth} now={now} complianceEmail={complianceEmail} timeline={timeline} />
      <HelpSection prevention={remediation.prevention} complianceEmail={complianceEmail} />
    </PageShell>
  );
}
