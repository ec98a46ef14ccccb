import type { ReportView } from "@/lib/reports/report-view";
import { formatUtcDateTime } from "@/lib/evidence/format";
import { formatRelative } from "@/lib/reports/relative-time";

/** How long reviews take to their first decision (approve, decline or a question). */
export interface ReviewTimes {
  medianHours: number;
  p90Hours: number;
  /** First decisions measured (0 with the fallback). */
  decisions: number;
  windowDays: number;
  /** False: too few recent decisions, the configured fallback is shown instead. */
  measured: boolean;
}

/** First decisions in the window needed before the measured times replace the fallback. */
export const REVIEW_TIMES_MIN_DECISIONS = 10;
export const REVIEW_TIMES_WINDOW_DAYS = 30;
/** The statistics are measured per ten-minute bucket of the clock (lib/reports/data/review-times.ts). */
export const REVIEW_TIMES_BUCKET_MS = 10 * 60_000;

/** The clock bucket `now` falls in; part of every report version (report-version.ts). */
export const reviewTimesBucket = (now: Date) => Math.floor(now.getTime() / REVIEW_TIMES_BUCKET_MS);

/**
 * The review timeline in words, shared by the page, the JSON (`reviewTimeline`) and the
 * mails, so the three never disagree.
 */
export interface ReviewTimeline {
  times: ReviewTimes;
  /** "A review usually gets its first decision within about 6 h; 9 in 10 within 20 h." */
  usual: string;
  /** Where the numbers come from. */
  basis: string;
  /** For an open request: where it stands against the usual time. */
  standing: string | null;
  /** Set when the block ends by itself before a review would usually be decided. */
  endsFirst: { endsAt: string; text: string; stillWorthIt: string } | null;
}

const HOUR = 3_600_000;

/** `45 min`, `6 h`, `2 days` (no-break spaces keep number and unit together). */
export function formatHours(hours: number): string {
  if (hours < 1) return `${Math.max(1, Math.round(hours * 60))}\u00a0min`;
  if (hours < 48) return `${Math.round(hours)}\u00a0h`;
  return `${Math.round(hours / 24)}\u00a0days`;
}

/** What the timeline reads of a report (a request just submitted can be described before the report exists). */
export interface TimelineReport extends Pick<ReportView, "expiresAt" | "endedAt"> {
  latestAppeal: Pick<NonNullable<ReportView["latestAppeal"]>, "status" | "submittedAt"> | null;
}

function standingOf(appeal: NonNullable<TimelineReport["latestAppeal"]>, times: ReviewTimes, now: Date): string | null {
  if (appeal.status === "NEEDS_INFO")
    return "The reviewer is waiting for your answer to their question; the review continues as soon as you reply.";
  if (appeal.status !== "OPEN") return null;
  const waited = Math.max(0, now.getTime() - Date.parse(appeal.submittedAt)) / HOUR;
  // Under a minute the request was submitted "just now" (formatRelative, shown beside it): no "waited 1 min" too.
  if (formatRelative(appeal.submittedAt, now) === "just now")
    return `Most requests get a first decision within ${formatHours(times.medianHours)}.`;
  const waitedText = `Your request has waited ${formatHours(waited)}`;
  if (waited <= times.medianHours)
    return `${waitedText}; most requests get a first decision within ${formatHours(times.medianHours)}.`;
  if (waited <= times.p90Hours)
    return `${waitedText}, a little longer than most (${formatHours(times.medianHours)}); 9 in 10 get a first decision within ${formatHours(times.p90Hours)}.`;
  return `${waitedText}, longer than 9 in 10 requests (${formatHours(times.p90Hours)}). It keeps its place in the queue; you can add a message for compliance if anything has changed.`;
}

/**
 * The usual review time and, for this report, where a request stands and whether the block
 * ends by itself first. A block that ends on its own before a review would usually be
 * decided says so, and says when a review is still worth asking for.
 */
export function describeReviewTimeline(report: TimelineReport, times: ReviewTimes, now: Date): ReviewTimeline {
  const usual = `A review usually gets its first decision within about ${formatHours(times.medianHours)}; 9 in 10 within ${formatHours(times.p90Hours)}.`;
  const basis = times.measured
    ? `Measured from the ${times.decisions} requests first decided in the last ${times.windowDays} days (median and 90th percentile, from the request to the reviewer's first decision or question).`
    : `These are our target times, not measured ones: fewer than ${REVIEW_TIMES_MIN_DECISIONS} requests were decided in the last ${times.windowDays} days, too few to measure.`;
  const appeal = report.latestAppeal;
  const pending = appeal && (appeal.status === "OPEN" || appeal.status === "NEEDS_INFO") ? appeal : null;
  const inForce =
    report.endedAt === null && (report.expiresAt === null || Date.parse(report.expiresAt) > now.getTime());
  let endsFirst: ReviewTimeline["endsFirst"] = null;
  if (inForce && report.expiresAt !== null) {
    const start = pending ? Date.parse(pending.submittedAt) : now.getTime();
    const usuallyDecidedAt = start + times.medianHours * HOUR;
    if (Date.parse(report.expiresAt) < usuallyDecidedAt) {
      const when = formatUtcDateTime(report.expiresAt);
      endsFirst = {
        endsAt: report.expiresAt,
        text: pending
          ? `This block ends by itself at ${when}, probably before your review is decided. Mail is accepted again then without a decision, as long as the sending that caused it has stopped.`
          : `This block ends by itself at ${when}, before a review would usually be decided (about ${formatHours(times.medianHours)}). You do not need a review to send again after that, as long as the sending that caused it has stopped.`,
        stillWorthIt:
          "A review is still worth asking for if you need to send before then, or want the record cleared: a block lifted on review ends with the reviewer's written reason instead of simply expiring, and stops counting refused attempts, which otherwise raise its level and push the end later.",
      };
    }
  }
  return { times, usual, basis, standing: pending ? standingOf(pending, times, now) : null, endsFirst };
}
