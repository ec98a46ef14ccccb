import type { ReactNode } from "react";
import { buttonClasses } from "@/components/ui/button";
import { ANCHORS, complianceActionLabel } from "@/components/sender-actions/anchors";
import { reviewOffered } from "@/components/sender-actions/sender-actions";
import { replyExcerpt, unansweredReply } from "@/lib/reports/compliance-reply";
import type { ReportView } from "@/lib/reports/report-view";
import { formatRelative, formatWhen } from "@/lib/reports/relative-time";
import { formatHours, type ReviewTimeline } from "@/lib/reports/review-timeline";
import { EvidenceText } from "./evidence-text";

interface NextStepProps {
  report: ReportView;
  now: Date;
  timeline: ReviewTimeline;
}

// Side by side when they fit (two short labels do on a 375 px phone), each at least half the row.
const compact = (variant: "primary" | "secondary") =>
  `${buttonClasses(variant).replace("px-4", "px-3")} flex-1 basis-32 text-center sm:flex-none sm:px-4`;
const primary = compact("primary");
const secondary = compact("secondary");

/*
 * The sender's next step, in the top panel beside the status and the reason: one primary
 * button and "Ask compliance". The buttons are links to a field of the form further down
 * (anchors.ts): following one opens the folded form and focuses the field, with or without
 * JavaScript. A reviewer's question is said in words and linked to, with its reply box; so is
 * compliance's reply on the sender's case while the sender has not written since (quoted
 * briefly, linked to in the conversation, which opens when jumped to).
 */
export function NextStep({ report, now, timeline }: NextStepProps) {
  const appeal = report.latestAppeal;
  // The one reference the sender quotes, the same as in the conversation and the mails.
  const reference = report.conversationReference ?? appeal?.reference;
  const reply = unansweredReply(report);
  const ask = (
    <a href={`#${ANCHORS.caseForm}`} className={secondary}>
      {complianceActionLabel(report.openCase !== null)}
    </a>
  );
  let lead: ReactNode = null;
  let action: ReactNode = null;
  if (appeal?.status === "NEEDS_INFO") {
    lead = (
      <>
        <strong className="font-semibold">The reviewer asked you a question</strong> about your review request (
        {reference}). The review continues when you answer it.
      </>
    );
    action = (
      <a href={`#${ANCHORS.question}`} className={primary}>
        Read the question and answer
      </a>
    );
  } else if (appeal?.status === "OPEN" && reply) {
    // Compliance's reply is the news and its link the one to follow. Where the request stands follows
    // the reply in short, in the same paragraph (its full standing is in the review section), so that
    // the link stays on a phone's first screen.
    lead = null;
  } else if (appeal?.status === "OPEN") {
    lead = (
      <>
        <strong className="font-semibold">Review requested</strong> {formatWhen(appeal.submittedAt, now)} (reference{" "}
        {reference}). {timeline.standing}
      </>
    );
    action = (
      <a href="#actions" className={primary}>
        See where it stands
      </a>
    );
  } else if (reviewOffered(report, now)) {
    lead = (
      <>
        <strong className="font-semibold">Fixed the cause?</strong> Request a review: most get a first decision within
        about {formatHours(timeline.times.medianHours)}.
      </>
    );
    action = (
      <a href={`#${ANCHORS.reviewForm}`} className={primary}>
        Request review
      </a>
    );
  } else if (report.canAppeal.blocker === "cooldown" && report.canAppeal.availableAt) {
    lead = (
      <>
        Your last review request was declined. You can request another review from{" "}
        {formatWhen(report.canAppeal.availableAt, now)}.
      </>
    );
  } else {
    lead = <>Questions about this block? Our compliance team answers on this page.</>;
  }
  return (
    <section className="space-y-3 rounded-md border border-line bg-sunken p-3 sm:p-4" aria-labelledby="next-step-title">
      <h2 id="next-step-title" className="sr-only">
        Your next step
      </h2>
      {reply ? (
        <p className="text-sm">
          <strong className="font-semibold">Compliance replied to you</strong> {formatRelative(reply.at, now)}:{" "}
          <q className="italic">
            <EvidenceText value={replyExcerpt(reply.body!)} />
          </q>
          {appeal?.status === "OPEN" ? (
            <>
              {" "}
              Your review request (<span className="whitespace-nowrap">{reference}</span>) still awaits a decision.
            </>
          ) : null}
        </p>
      ) : null}
      {lead ? <p className="text-sm">{lead}</p> : null}
      {timeline.endsFirst && report.endedAt === null ? (
        <p className="text-sm">
          <span className="font-semibold">{timeline.endsFirst.text}</span> {timeline.endsFirst.stillWorthIt}
        </p>
      ) : null}
      <div className="flex flex-wrap gap-2">
        {action}
        {reply ? (
          <a href={`#${ANCHORS.complianceReply}`} className={action ? secondary : primary}>
            Read the reply
          </a>
        ) : null}
        {ask}
      </div>
    </section>
  );
}
