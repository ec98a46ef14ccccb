import "server-only";
import { getDb } from "@/lib/db/client";

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
 * first (the APPEAL_DECIDED / APPEAL_INFO_REQUESTED events). Counts the requests first
 * answered at or after `since` (and not after `until`, by default now), so the numbers describe how the team works now.
 *
 * The one source of these numbers: the staff metrics page and the sender's "how long a
 * review usually takes" both read it. Aggregates only — no request, sender or reviewer is
 * named — so any caller may use it.
 */
export async function reviewTimeStats({ since, until = new Date() }: { since: Date; until?: Date }): Promise<ReviewTimeStats> {
  // An appeal answered at or after `since` was updated then too, which bounds the scan.
  const [row] = await getDb().$queryRaw<{ count: number; median: number | null; p90: number | null }[]>`
    WITH first_answer AS (
      SELECT min(e.created_at) - a.created_at AS waited
        FROM appeal a
        JOIN event e ON e.block_id = a.block_id
                    AND e.type IN ('APPEAL_DECIDED', 'APPEAL_INFO_REQUESTED')
                    AND e.data->>'appealReference' = a.reference
       WHERE a.updated_at >= ${since}
       GROUP BY a.id, a.created_at
      HAVING min(e.created_at) >= ${since} AND min(e.created_at) <= ${until}
    )
    SELECT count(*)::int AS count,
           extract(epoch FROM percentile_cont(0.5) WITHIN GROUP (ORDER BY waited))::float8 AS median,
           extract(epoch FROM percentile_cont(0.9) WITHIN GROUP (ORDER BY waited))::float8 AS p90
      FROM first_answer`;
  return { count: row?.count ?? 0, medianSeconds: row?.median ?? null, p90Seconds: row?.p90 ?? null };
}
