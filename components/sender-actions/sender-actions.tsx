import { APPEAL_QUESTIONS } from "@/lib/appeals/appeal-form";
import type { ReportView } from "@/lib/data/reports/report-view";
import { renderSubmissionId } from "@/lib/http/link-check-handoff";
import { InfoReplyForm } from "./info-reply-form";
import { ReportMessageForm } from "./report-message-form";
import { RequestReviewForm } from "./request-review-form";

interface SenderActionsProps {
  report: ReportView;
  /** The link's secret, posted back by the forms so each action can check it again. */
  auth: string;
  now?: Date;
}

/*
 * The sender's forms on the report: answer the reviewer (while a question is open),
 * request a review (while one may be requested) and report to compliance (always). Where
 * a request stands is shown above them by the report itself (components/report).
 * A block whose expiry has passed counts as ended even before the expiry job has run.
 */
export function SenderActions({ report, auth, now = new Date() }: SenderActionsProps) {
  const link = { id: report.publicId, auth };
  const lapsed = report.expiresAt !== null && Date.parse(report.expiresAt) <= now.getTime();
  const appeal = report.latestAppeal;
  const reviewOpen = report.canAppeal.allowed && !lapsed;
  // A form whose request just went through stays mounted, though no longer available, so
  // its confirmation stays on screen and keeps the focus it took: the re-rendered report
  // (refreshed by the action) would otherwise remove the form from under the reader.
  return (
    <div className="space-y-3">
      {appeal ? <InfoReplyForm link={link} reference={appeal.reference} available={appeal.status === "NEEDS_INFO"} /> : null}
      {reviewOpen || appeal ? <RequestReviewForm link={link} questions={APPEAL_QUESTIONS[report.reason]} available={reviewOpen} /> : null}
      <ReportMessageForm link={link} openCase={report.openCase} submissionId={renderSubmissionId()} />
    </div>
  );
}
