import { PageShell } from "@/components/ui/page-shell";
import type { ReportView } from "@/lib/data/reports/report-view";
import { adviseRemediation, summariseReason } from "@/lib/evidence";
import { describeTarget } from "@/lib/reports/describe-target";
import { orderEvidence } from "@/lib/reports/evidence-order";
import { ActionsSection } from "./actions-section";
import { EvidenceSection } from "./evidence-section";
import { HelpSection } from "./help-section";
import { RemediationSection } from "./remediation-section";
import { ReportHeader } from "./report-header";
import { TimelineSection } from "./timeline-section";
import { WhySection } from "./why-section";

interface ReportPageProps {
  report: ReportView;
  auth: string;
  now: Date;
  relayName: string;
  complianceEmail: string;
}

/** The whole report, in the order of REPORT-PAGE.md: status, why, what to do, evidence, timeline, review. */
export function ReportPage({ report, auth, now, relayName, complianceEmail }: ReportPageProps) {
  const summary = summariseReason(report.reason, report.evidence);
  const remediation = adviseRemediation({ reason: report.reason, target: describeTarget(report.target).short, evidence: report.evidence });
  return (
    <PageShell relayName={relayName} title="Block report" aside={<span className="font-mono">Report {report.publicId}</span>}>
      <ReportHeader report={report} summary={summary} now={now} />
      <WhySection report={report} />
      <RemediationSection report={report} remediation={remediation} />
      <EvidenceSection evidence={orderEvidence(report.reason, report.evidence)} />
      <TimelineSection events={report.events} now={now} />
      <ActionsSection report={report} auth={auth} now={now} complianceEmail={complianceEmail} />
      <HelpSection prevention={remediation.prevention} complianceEmail={complianceEmail} />
    </PageShell>
  );
}
