import type { ReactNode } from "react";
import { APPEAL_QUESTIONS } from "@/lib/appeals/appeal-form";
import type { ReportView } from "@/lib/reports/report-view";
import { renderSubmissionId } from "@/lib/http/link-check-handoff";
import { formatWhen } from "@/lib/reports/relative-time";
import { InfoReplyForm } from "./info-reply-form";
import { ReportMessageForm } from "./report-message-form";
import { RequestReviewForm } from "./request-review-form";
import type { ReportFormActions, ReportLinkFields } from "./types";

interface SenderActionsProps {
  report: ReportView;
  /** The link's secret, posted back by the forms so each action can check it again. */
  auth: string;
  now?: Date;
  /** Shown between the reviewer's question (with its reply box) and the other forms: the conversation so far. */
  conversation?: ReactNode;
  /**
   * For the account owner's portal: the report named by id alone (the session is the
   * authority) and the portal's own actions. Without it, the sender's link and actions.
   */
  owner?: { link: ReportLinkFields; actions: ReportFormActions };
}

/** Whether the review form is offered now. A block whose expiry has passed counts as ended even before the expiry job has run. */
export function reviewOffered(report: ReportView, now: Date): boolean {
  const lapsed = report.expiresAt !== null && Date.parse(report.expiresAt) <= now.getTime();
  return report.canAppeal.allowed && !lapsed;
}

/*
 * The sender's forms on the report: the reviewer's question with its reply box (while a
 * question is open), the conversation so far, request a review (while one may be
 * requested) and a message to compliance (always). Where a request stands is shown above
 * them by the report itself (components/report).
 */
export function SenderActions({ report, auth, now = new Date(), conversation, owner }: SenderActionsProps) {
  const link = owner?.link ?? { id: report.publicId, auth };
  const actions = owner?.actions;
  const appeal = report.latestAppeal;
  const reviewOpen = reviewOffered(report, now);
  const asked =
    appeal?.status === "NEEDS_INFO" && appeal.infoRequest
      ? {
          body: appeal.infoRequest,
          askedAt: appeal.messages.findLast((m) => m.author === "STAFF")?.at ?? appeal.submittedAt,
        }
      : null;
  // A form whose request just went through stays mounted, though no longer available, so
  // its confirmation stays on screen and keeps the focus it took: the re-rendered report
  // (refreshed by the action) would otherwise remove the form from under the reader.
  return (
    <div className="space-y-3">
      {appeal ? (
        <InfoReplyForm
          link={link}
          reference={appeal.reference}
          question={asked}
          askedWhen={asked ? formatWhen(asked.askedAt, now) : undefined}
          action={actions?.reply}
        />
      ) : null}
      {conversation}
      {reviewOpen || appeal ? (
        <RequestReviewForm
          link={link}
          questions={APPEAL_QUESTIONS[report.reason]}
          available={reviewOpen}
          action={actions?.requestReview}
        />
      ) : null}
      <ReportMessageForm
        link={link}
        openCase={report.openCase ? { reference: report.conversationReference ?? report.openCase.reference } : null}
        submissionId={renderSubmissionId()}
        action={actions?.reportMessage}
      />
    </div>
  );
}
