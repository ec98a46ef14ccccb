import type { ReviewTimeStats } from "@/lib/data/appeals";
import { formatCountOf } from "@/lib/evidence/format";
import { formatDuration } from "@/lib/reports/relative-time";

/** Below this many requests a median and a 90th percentile say little: the sentence says how few. */
export const FEW_REQUESTS = 10;

const duration = (seconds: number | null) => (seconds === null ? "no decisions yet" : formatDuration(seconds * 1000));

/**
 * The metrics page's sentence on the time to first decision, worded for how many requests it
 * rests on: "half within, nine in ten within" of one request reads as nonsense.
 */
export function ReviewTimeSummary({ stats }: { stats: ReviewTimeStats }) {
  return stats.count === 0 ? (
    <p>No request was first answered in the period.</p>
  ) : stats.count === 1 ? (
    <p>
      Only one request was first answered (approved, declined or asked a question) in the period,{" "}
      <strong>{duration(stats.medianSeconds)}</strong> after it was made: too few for a median or a 90th percentile, so
      both show that one time.
    </p>
  ) : stats.count < FEW_REQUESTS ? (
    <p>
      From a request to the first approve, decline or question, over only {formatCountOf(stats.count, "request")} first
      answered in the period, so one slow request moves these figures: median{" "}
      <strong>{duration(stats.medianSeconds)}</strong>, 90th percentile <strong>{duration(stats.p90Seconds)}</strong>.
    </p>
  ) : (
    <p>
      From a request to the first approve, decline or question, over {formatCountOf(stats.count, "request")} first
      answered in the period: half within <strong>{duration(stats.medianSeconds)}</strong>, nine in ten within{" "}
      <strong>{duration(stats.p90Seconds)}</strong>.
    </p>
  );
}
