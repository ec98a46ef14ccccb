import "server-only";
import { getDb, Prisma } from "@/lib/db/client";
import { env } from "@/lib/env";
import { REVIEW_TIMES_BUCKET_MS, REVIEW_TIMES_MIN_DECISIONS, REVIEW_TIMES_WINDOW_DAYS, reviewTimesBucket, type ReviewTimes } from "@/lib/reports/review-timeline";

/*
 * How long reviews take, measured from real decisions: the median and 90th percentile
 * from a request to the reviewer's first decision or question, over the requests first
 * decided in the last 30 days. The numbers belong to a ten-minute bucket of the clock and
 * count only decisions made before the bucket began, so every render within a bucket shows
 * the same numbers, and the report's version (report-version.ts) carries the bucket: a
 * cached page never shows numbers older than its version says.
 */

const DAY_MS = 86_400_000;

let memo: { bucket: number; times: Promise<ReviewTimes> } | null = null;

async function measure(cutoff: Date): Promise<ReviewTimes> {
  const from = new Date(cutoff.getTime() - REVIEW_TIMES_WINDOW_DAYS * DAY_MS);
  const [row] = await getDb().$queryRaw<{ decisions: number; median: number | null; p90: number | null }[]>(Prisma.sql`
    SELECT count(*)::int AS decisions,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM first_response_at - created_at)) AS median,
           percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM first_response_at - created_at)) AS p90
      FROM appeal
     WHERE first_response_at >= ${from} AND first_response_at < ${cutoff}`);
  const decisions = row?.decisions ?? 0;
  if (decisions < REVIEW_TIMES_MIN_DECISIONS || row?.median == null || row.p90 == null) {
    return { medianHours: env.REVIEW_FALLBACK_MEDIAN_HOURS, p90Hours: Math.max(env.REVIEW_FALLBACK_P90_HOURS, env.REVIEW_FALLBACK_MEDIAN_HOURS), decisions, windowDays: REVIEW_TIMES_WINDOW_DAYS, measured: false };
  }
  return { medianHours: row.median / 3600, p90Hours: row.p90 / 3600, decisions, windowDays: REVIEW_TIMES_WINDOW_DAYS, measured: true };
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
