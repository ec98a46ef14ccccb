import "server-only";
import { z } from "zod";
import { getDb, Prisma } from "@/lib/db/client";
import { queryRows } from "@/lib/db/sql";

export interface ReviewTimeStats {
  /** Review requests whose first answer from compliance came at or after `since`. */
  count: number;
  /** Median seconds from the request to its first answer; null when `count` is 0. */
  medianSeconds: number | null;
  /** 90th percentile of the same (nine in ten were answered within it); null when `count` is 0. */
  p90Seconds: number | null;
}

/**
 * How long review requests wait for compliance: from the moment a request is submitted to
 * the first decision on it — approve, decline, or a question to the sender, whichever came
 * first (appeal.first_response_at, set by decideAppeal). Counts the requests first answered
 * at or after `since` and before `until` (by default now), so the numbers describe how the
 * team works now.
 *
 * The one source of these numbers: the staff metrics page and the sender's "how long a
 * review usually takes" (lib/reports/data/review-times.ts) both read it. Aggregates only —
 * no request, sender or reviewer is named — so any caller may use it. Percentiles have no
 * Prisma model API, hence the one raw statement (through queryRows) (indexed on first_response_at).
 */
export async function reviewTimeStats({
  since,
  until = new Date(),
}: {
  since: Date;
  until?: Date;
}): Promise<ReviewTimeStats> {
  const [row] = await queryRows(
    getDb(),
    Prisma.sql`
    SELECT count(*)::int AS count,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM first_response_at - created_at))::float8 AS median,
           percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM first_response_at - created_at))::float8 AS p90
      FROM appeal
     WHERE first_response_at >= ${since} AND first_response_at < ${until}`,
    z.object({ count: z.number().int(), median: z.number().nullable(), p90: z.number().nullable() }),
  );
  return { count: row?.count ?? 0, medianSeconds: row?.median ?? null, p90Seconds: row?.p90 ?? null };
}
