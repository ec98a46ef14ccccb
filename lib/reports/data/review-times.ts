import "server-only";
import { reviewTimeStats } from "@/lib/data/appeals/review-time-stats";
import { env } from "@/lib/env";
import {
  REVIEW_TIMES_BUCKET_MS,
  REVIEW_TIMES_MIN_DECISIONS,
  REVIEW_TIMES_WINDOW_DAYS,
  reviewTimesBucket,
  type ReviewTimes,
} from "@/lib/reports/review-timeline";

/*
 * How long reviews take, measured from real decisions (reviewTimeStats, the numbers the
 * staff metrics page shows too): the median and 90th percentile from a request to the
 * reviewer's first decision or question, over the requests first decided in the last 30 days. The numbers belong to a ten-minute bucket of the clock and
 * count only decisions made before the bucket began, so every render within a bucket shows
 * the same numbers, and the report's version (report-version.ts) carries the bucket: a
 * cached page never shows numbers older than its version says.
 */

const DAY_MS = 86_400_000;

let memo: { bucket: number; times: Promise<ReviewTimes> } | null = null;

async function measure(cutoff: Date): Promise<ReviewTimes> {
  const stats = await reviewTimeStats({
    since: new Date(cutoff.getTime() - REVIEW_TIMES_WINDOW_DAYS * DAY_MS),
    until: cutoff,
  });
  const decisions = stats.count;
  if (decisions < REVIEW_TIMES_MIN_DECISIONS || stats.medianSeconds === null || stats.p90Seconds === null) {
    return {
      medianHours: env.REVIEW_FALLBACK_MEDIAN_HOURS,
      p90Hours: Math.max(env.REVIEW_FALLBACK_P90_HOURS, env.REVIEW_FALLBACK_MEDIAN_HOURS),
      decisions,
      windowDays: REVIEW_TIMES_WINDOW_DAYS,
      measured: false,
    };
  }
  return {
    medianHours: stats.medianSeconds / 3600,
    p90Hours: stats.p90Seconds / 3600,
    decisions,
    windowDays: REVIEW_TIMES_WINDOW_DAYS,
    measured: true,
  };
}

/**
 * The review times for `now`'s bucket, measured once per bucket and process. Anyone may
 * call it: it is aggregate and names no request. Reads only.
 */
export function getReviewTimes(now = new Date()): Promise<ReviewTimes> {
  const bucket = reviewTimesBucket(now);
  if (memo?.bucket !== bucket) {
    const times = measure(new Date(bucket * REVIEW_TIMES_BUCKET_MS));
    memo = { bucket, times };
    // A failed measurement is not kept: the next caller tries again.
    times.catch(() => {
      if (memo?.times === times) memo = null;
    });
  }
  return memo.times;
}
