import { reviewOffered, SenderActions } from "@/components/sender-actions/sender-actions";
import type { ReportFormActions, ReportLinkFields } from "@/components/sender-actions/types";
import { Section } from "@/components/ui/section";
import type { ReportView } from "@/lib/reports/report-view";
import type { ReviewTimeline } from "@/lib/reports/review-timeline";
import { AppealStatus } from "./appeal-status";
import { Conversation } from "./conversation";

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
  timeline: ReviewTimeline;
}

/*
 * The seam between the report and the sender actions. This section shows where a review
 * request and a compliance case stand; the forms (components/sender-actions) render
 * below it.
 */
export function ActionsSection(props: ActionsSectionProps) {
  const { report, now } = props;
  return (
    <Section id="actions" title="Review and conversation">
      <AppealStatus report={report} now={now} timeline={props.timeline} />
      {report.canAppeal.blocker === "ended" && !report.latestAppeal ? (
        <p className="text-sm text-muted">This block has ended, so there is nothing to review.</p>
      ) : null}
      {reviewOffered(report, now) ? (
        <p className="text-sm text-muted">
          {props.timeline.usual} {props.timeline.basis}
        </p>
      ) : null}
      {props.timeline.endsFirst ? (
        <p className="text-sm">
          {props.timeline.endsFirst.text} {props.timeline.endsFirst.stillWorthIt}
        </p>
      ) : null}
      <SenderActions
        report={report}
        auth={props.auth}
        now={now}
        owner={props.owner}
        conversation={<Conversation report={report} now={now} />}
      />
    </Section>
  );
}
