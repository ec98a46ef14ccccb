import "server-only";
import { reviewTimeStats, type ReviewTimeStats } from "@/lib/data/appeals/review-time-stats";
import { assertStaff } from "@/lib/data/blocks/actor";
import { getDb } from "@/lib/db/client";

/** How far back the metrics look. */
export const METRICS_DAYS = 30;

export interface DailyCount {
  /** UTC day, YYYY-MM-DD. */
  day: string;
  count: number;
}

export interface OldestOpenItem {
  reference: string;
  publicId: string;
  /** Waiting since (a request: submitted or answered by the sender; a case: opened). */
  since: string;
}

export interface ReviewerDecisions {
  name: string;
  approved: number;
  declined: number;
  asked: number;
  total: number;
}

export interface StaffMetrics {
  since: string;
  /** Review requests submitted per UTC day, oldest first, every day present (zeros too). */
  requestsPerDay: DailyCount[];
  reviewTime: ReviewTimeStats;
  /** Requests approved and declined in the period (decided, not asked). */
  outcomes: { approved: number; declined: number };
  oldestOpen: { request: OldestOpenItem | null; case: OldestOpenItem | null };
  /** Decisions per reviewer in the period, the busiest first. */
  perReviewer: ReviewerDecisions[];
}

const DAY_MS = 86_400_000;

/**
 * The console's metrics over the last METRICS_DAYS days. Callers: the staff console, for
 * a staff member (STAFF or ADMIN, checked here against the database); anyone else gets FORBIDDEN.
 */
export async function getStaffMetrics({
  staffId,
  now = new Date(),
}: {
  staffId: string;
  now?: Date;
}): Promise<StaffMetrics> {
  await assertStaff(getDb(), staffId);
  const firstDay = new Date(
    Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - (METRICS_DAYS - 1) * DAY_MS,
  );
  const db = getDb();
  const [perDay, reviewTime, outcomes, oldestRequest, oldestCase, reviewers] = await Promise.all([
    db.$queryRaw<DailyCount[]>`
      SELECT to_char(d.day, 'YYYY-MM-DD') AS day, count(a.id)::int AS count
        FROM generate_series(${firstDay}::timestamptz AT TIME ZONE 'UTC', ${now}::timestamptz AT TIME ZONE 'UTC', interval '1 day') AS d(day)
        LEFT JOIN appeal a ON a.created_at >= d.day AT TIME ZONE 'UTC' AND a.created_at < (d.day + interval '1 day') AT TIME ZONE 'UTC' AND a.created_at <= ${now}
       GROUP BY d.day ORDER BY d.day`,
    reviewTimeStats({ since: firstDay, until: now }),
    db.appeal.groupBy({
      by: ["status"],
      where: { status: { in: ["APPROVED", "DENIED"] }, decidedAt: { gte: firstDay, lte: now } },
      _count: { _all: true },
    }),
    db.appeal.findFirst({
      where: { status: "OPEN" },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: { reference: true, createdAt: true, block: { select: { publicId: true } } },
    }),
    db.complianceCase.findFirst({
      where: { status: "OPEN" },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: { reference: true, createdAt: true, block: { select: { publicId: true } } },
    }),
    db.$queryRaw<ReviewerDecisions[]>`
      SELECT coalesce(u.name, 'Unknown user') AS name,
             count(*) FILTER (WHERE e.type = 'APPEAL_DECIDED' AND e.data->>'decision' = 'APPROVED')::int AS approved,
             count(*) FILTER (WHERE e.type = 'APPEAL_DECIDED' AND e.data->>'decision' = 'DENIED')::int AS declined,
             count(*) FILTER (WHERE e.type = 'APPEAL_INFO_REQUESTED')::int AS asked,
             count(*)::int AS total
        FROM event e LEFT JOIN app_user u ON u.id::text = e.actor_id
       WHERE e.actor_type = 'STAFF' AND e.type IN ('APPEAL_DECIDED', 'APPEAL_INFO_REQUESTED') AND e.created_at >= ${firstDay} AND e.created_at <= ${now}
       GROUP BY e.actor_id, u.name
       ORDER BY total DESC, name`,
  ]);
  const outcome = (status: "APPROVED" | "DENIED") => outcomes.find((o) => o.status === status)?._count._all ?? 0;
  return {
    since: firstDay.toISOString(),
    requestsPerDay: perDay,
    reviewTime,
    outcomes: { approved: outcome("APPROVED"), declined: outcome("DENIED") },
    oldestOpen: {
      request: oldestRequest && {
        reference: oldestRequest.reference,
        publicId: oldestRequest.block.publicId,
        since: oldestRequest.createdAt.toISOString(),
      },
      case: oldestCase && {
        reference: oldestCase.reference,
        publicId: oldestCase.block.publicId,
        since: oldestCase.createdAt.toISOString(),
      },
    },
    perReviewer: reviewers,
  };
}
