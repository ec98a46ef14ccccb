import { ANCHORS } from "@/components/sender-actions/anchors";
import { Alert } from "@/components/ui/alert";
import { unansweredReply } from "@/lib/reports/compliance-reply";
import type { ReportAppeal, ReportCase, ReportConversationItem, ReportView } from "@/lib/reports/report-view";
import { formatWhen } from "@/lib/reports/relative-time";
import type { ReviewTimeline } from "@/lib/reports/review-timeline";

function AppealState({
  appeal,
  block,
  reference,
  now,
  timeline,
}: {
  appeal: ReportAppeal;
  block: Pick<ReportView, "status" | "endedAt">;
  reference: string;
  now: Date;
  timeline?: ReviewTimeline;
}) {
  const submitted = `Reference ${reference} · submitted ${formatWhen(appeal.submittedAt, now)}`;
  switch (appeal.status) {
    case "OPEN":
      return (
        <Alert tone="info" title="Review requested: waiting for our compliance team">
          <p>{submitted}</p>
          <p>A member of the team reads every request and answers on this page. Mail stays blocked until then.</p>
          {timeline?.standing ? <p>{timeline.standing}</p> : null}
        </Alert>
      );
    case "NEEDS_INFO":
      return (
        <Alert tone="warning" title="The reviewer needs more information">
          <p>{submitted}</p>
          <p>Their question and the box for your answer are just below; the review continues when you answer.</p>
        </Alert>
      );
    case "APPROVED":
      return (
        <Alert tone="success" title="Review approved">
          <p>
            {submitted}
            {appeal.decidedAt ? ` · decided ${formatWhen(appeal.decidedAt, now)}` : ""}
          </p>
          {appeal.decisionReason ? <p className="whitespace-pre-line">{appeal.decisionReason}</p> : null}
        </Alert>
      );
    case "DENIED": {
      // A block lifted (by the relay) or expired while the request waited stays ended: the decline does not keep it.
      const inForce = block.status === "ACTIVE" || block.status === "UNDER_REVIEW";
      return (
        <Alert tone="danger" title={inForce ? "Review declined: the block stays" : "Review declined"}>
          <p>
            {submitted}
            {appeal.decidedAt ? ` · decided ${formatWhen(appeal.decidedAt, now)}` : ""}
          </p>
          {endedBefore(block, appeal.decidedAt) ? (
            <p>
              The block had already {block.status === "LIFTED" ? "been lifted" : "expired"} when the request was
              decided; declining it does not put the block back in force.
            </p>
          ) : null}
          {appeal.decisionReason ? <p className="whitespace-pre-line">{appeal.decisionReason}</p> : null}
        </Alert>
      );
    }
  }
}

/** Whether the block had ended (lifted, expired) before `at`, a decision's time; false while it is in force. */
export function endedBefore(block: Pick<ReportView, "status" | "endedAt">, at: string | null): boolean {
  if (block.status !== "LIFTED" && block.status !== "EXPIRED") return false;
  return block.endedAt !== null && at !== null && new Date(block.endedAt) < new Date(at);
}

/** Where the sender's review request and compliance case stand. */
export function AppealStatus({ report, now, timeline }: { report: ReportView; now: Date; timeline?: ReviewTimeline }) {
  const { latestAppeal, openCase, canAppeal } = report;
  return (
    <div className="space-y-3">
      {latestAppeal ? (
        <AppealState
          appeal={latestAppeal}
          block={report}
          reference={report.conversationReference ?? latestAppeal.reference}
          now={now}
          timeline={timeline}
        />
      ) : null}
      {openCase ? (
        <CaseState
          kase={openCase}
          reference={report.conversationReference ?? openCase.reference}
          now={now}
          reply={unansweredReply(report)}
        />
      ) : null}
      {canAppeal.blocker === "cooldown" && canAppeal.availableAt ? (
        <p className="text-sm text-muted">
          You can request another review from {formatWhen(canAppeal.availableAt, now)}.
        </p>
      ) : null}
    </div>
  );
}

function CaseState({
  kase,
  reference,
  now,
  reply,
}: {
  kase: ReportCase;
  reference: string;
  now: Date;
  /** Compliance's reply the sender has not answered yet. */
  reply: ReportConversationItem | null;
}) {
  return (
    <Alert tone="neutral" title={reply ? "With our compliance team: they replied" : "With our compliance team"}>
      <p>
        Reference {reference} · sent {formatWhen(kase.createdAt, now)}, with the evidence as it stood then. They reply
        on this page, and by mail if you gave an address.
      </p>
      {reply ? (
        <p>
          Compliance replied {formatWhen(reply.at, now)}.{" "}
          <a href={`#${ANCHORS.complianceReply}`} className="link">
            Read the reply
          </a>
        </p>
      ) : null}
    </Alert>
  );
}
