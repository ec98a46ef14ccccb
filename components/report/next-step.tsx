import type { ReactNode } from "react";
import { buttonClasses } from "@/components/ui/button";
import { ANCHORS } from "@/components/sender-actions/anchors";
import { reviewOffered } from "@/components/sender-actions/sender-actions";
import type { ReportView } from "@/lib/reports/report-view";
import { formatWhen } from "@/lib/reports/relative-time";
import { formatHours, type ReviewTimeline } from "@/lib/reports/review-timeline";

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
 * JavaScript. A reviewer's question is said in words and linked to, with its reply box.
 */
export function NextStep({ report, now, timeline }: NextStepProps) {
  const appeal = report.latestAppeal;
  const ask = (
    <a href={`#${ANCHORS.caseForm}`} className={secondary}>
      {report.openCase ? "Message compliance" : "Ask compliance"}
    </a>
  );
  let lead: ReactNode;
  let action: ReactNode = null;
  if (appeal?.status === "NEEDS_INFO") {
    lead = (
      <>
        <strong className="font-semibold">The reviewer asked you a question</strong> about your review request (
        {appeal.reference}). The review continues when you answer it.
      </>
    );
    action = (
      <a href={`#${ANCHORS.question}`} className={primary}>
        Read the question and answer
      </a>
    );
  } else if (appeal?.status === "OPEN") {
    lead = (
      <>
        <strong className="font-semibold">Review requested</strong> {formatWhen(appeal.submittedAt, now)} (reference{" "}
        {appeal.reference}). {timeline.standing}
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
      <p className="text-sm">{lead}</p>
      {timeline.endsFirst && report.endedAt === null ? (
        <p className="text-sm">
          <span className="font-semibold">{timeline.endsFirst.text}</span> {timeline.endsFirst.stillWorthIt}
        </p>
      ) : null}
      <div className="flex flex-wrap gap-2">
        {action}
        {ask}
      </div>
    </section>
  );
}
