import { SenderActions } from "@/components/sender-actions/sender-actions";
import type { ReportFormActions, ReportLinkFields } from "@/components/sender-actions/types";
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
  /** The owner portal's report names the report by id and posts to its own actions (components/sender-actions). */
  owner?: { link: ReportLinkFields; actions: ReportFormActions };
}

interface ActionsSectionProps extends SenderActionsProps {
  now: Date;
  complianceEmail: string;
}

/*
 * The seam between the report and the sender actions. This section shows where a review
 * request and a compliance case stand; the forms (components/sender-actions) render
 * below it.
 */
export function ActionsSection(props: ActionsSectionProps) {
  const { report, now } = props;
  return (
    <Section id="actions" title="Review and help">
      <AppealStatus report={report} now={now} />
      {report.canAppeal.blocker === "ended" && !report.latestAppeal ? (
        <p className="text-sm text-muted">This block has ended, so there is nothing to review.</p>
      ) : null}
      <SenderActions report={report} auth={props.auth} now={now} owner={props.owner} />
    </Section>
  );
}
