import type { ReactNode } from "react";
import type { ReportFormActions, ReportLinkFields } from "@/components/sender-actions/types";
import { PageShell } from "@/components/ui/page-shell";
import type { ReportView } from "@/lib/reports/report-view";
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

interface ReportSectionsProps {
  report: ReportView;
  /** How long reviews take now (lib/reports/data/review-times.ts). */
  reviewTimes: ReviewTimes;
  auth: string;
  now: Date;
  complianceEmail: string;
  /** The owner portal's copy of the report: its forms name the report by id and post to the portal's actions. */
  owner?: { link: ReportLinkFields; actions: ReportFormActions };
  /** Shown after the review and conversation (the owner portal's records of requests, cases and the link). */
  children?: ReactNode;
}

/**
 * The whole report, in the order of REPORT-PAGE.md: status, why, what to do, evidence,
 * timeline, review. The sender's page and the owner portal's page of a block both show it.
 */
export function ReportSections({
  report,
  reviewTimes,
  auth,
  now,
  complianceEmail,
  owner,
  children,
}: ReportSectionsProps) {
  const timeline = describeReviewTimeline(report, reviewTimes, now);
  const summary = summariseReason(report.reason, report.evidence);
  const remediation = adviseRemediation({
    reason: report.reason,
    target: describeTarget(report.target).short,
    evidence: report.evidence,
  });
  return (
    <>
      <ReportHeader
        report={report}
        summary={summary}
        now={now}
        nextStep={<NextStep report={report} now={now} timeline={timeline} />}
      />
      <WhySection report={report} />
      <RemediationSection report={report} remediation={remediation} now={now} />
      <EvidenceSection evidence={orderEvidence(report.reason, report.evidence)} />
      <TimelineSection events={report.events} now={now} reference={report.conversationReference} />
      <ActionsSection
        report={report}
        auth={auth}
        now={now}
        complianceEmail={complianceEmail}
        timeline={timeline}
        owner={owner}
      />
      {children}
      <HelpSection prevention={remediation.prevention} complianceEmail={complianceEmail} />
    </>
  );
}

interface ReportPageProps extends Omit<ReportSectionsProps, "owner" | "children"> {
  relayName: string;
}

/** The sender's report page. */
export function ReportPage({ relayName, ...props }: ReportPageProps) {
  return (
    <PageShell
      relayName={relayName}
      title="Block report"
      aside={<span className="font-mono">Report {props.report.publicId}</span>}
    >
      <ReportSections {...props} />
    </PageShell>
  );
}
