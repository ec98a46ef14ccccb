import { Section } from "@/components/ui/section";
import type { ReportView } from "@/lib/data/reports/report-view";
import { AppealStatus } from "./appeal-status";

/**
 * What the sender actions (Request review, Report message; components/sender-actions)
 * receive: the report as loaded for this request, and the link's secret, which their
 * forms post back so each server action can check it again.
 */
export interface SenderActionsProps {
  report: ReportView;
  auth: string;
}

interface ActionsSectionProps extends SenderActionsProps {
  now: Date;
  complianceEmail: string;
}

/*
 * The seam between the report and the sender actions. This section shows where a review
 * request and a compliance case stand; the forms render below it as
 * `<SenderActions report={report} auth={auth} />`. Until they do, the sender is pointed
 * to the compliance address, with the report number but never the secret.
 */
export function ActionsSection(props: ActionsSectionProps) {
  const { report, now, complianceEmail } = props;
  const subject = encodeURIComponent(`Block report ${report.publicId}`);
  return (
    <Section id="actions" title="Review and help">
      <AppealStatus report={report} now={now} />
      {report.canAppeal.allowed ? (
        <p className="text-sm">
          Fixed the cause? Ask for a review at{" "}
          <a className="font-medium text-accent underline underline-offset-2" href={`mailto:${complianceEmail}?subject=${subject}`}>
            {complianceEmail}
          </a>{" "}
          and quote report {report.publicId}.
        </p>
      ) : null}
      {report.canAppeal.blocker === "ended" && !report.latestAppeal ? (
        <p className="text-sm text-muted">This block has ended, so there is nothing to review.</p>
      ) : null}
    </Section>
  );
}
