import { randomUUID } from "node:crypto";
import { APPEAL_QUESTIONS } from "@/lib/appeals/appeal-form";
import type { ReportView } from "@/lib/data/reports/report-view";
import { InfoReplyForm } from "./info-reply-form";
import { ReportMessageForm } from "./report-message-form";
import { RequestReviewForm } from "./request-review-form";
import type { ReportFormActions, ReportLinkFields } from "./types";

interface SenderActionsProps {
  report: ReportView;
  /** The link's secret, posted back by the forms so each action can check it again. */
  auth: string;
  now?: Date;
  /**
   * For the account owner's portal: the report named by id alone (the session is the
   * authority) and the portal's own actions. Without it, the sender's link and actions.
   */
  owner?: { link: ReportLinkFields; actions: ReportFormActions };
}

/*
 * The sender's forms on the report: answer the reviewer (while a question is open),
 * request a review (while one may be requested) and report to compliance (always). Where
 * a request stands is shown above them by the report itself (components/report).
 * A block whose expiry has passed counts as ended even before the expiry job has run.
 */
export function SenderActions({ report, auth, now = new Date(), owner }: SenderActionsProps) {
  const link = owner?.link ?? { id: report.publicId, auth };
  const actions = owner?.actions;
  const lapsed = report.expiresAt !== null && Date.parse(report.expiresAt) <= now.getTime();
  const appeal = report.latestAppeal;
  const reviewOpen = report.canAppeal.allowed && !lapsed;
  // A form whose request just went through stays mounted, though no longer available, so
  // its confirmation stays on screen and keeps the focus it took: the re-rendered report
  // (refreshed by the action) would otherwise remove the form from under the reader.
  return (
    <div className="space-y-3">
      {appeal ? <InfoReplyForm link={link} reference={appeal.reference} available={appeal.status === "NEEDS_INFO"} action={actions?.reply} /> : null}
      {reviewOpen || appeal ? <RequestReviewForm link={link} questions={APPEAL_QUESTIONS[report.reason]} available={reviewOpen} action={actions?.requestReview} /> : null}
      <ReportMessageForm link={link} openCase={report.openCase} submissionId={randomUUID()} action={actions?.reportMessage} />
    </div>
  );
}
