import "server-only";
import { reviewTimeStats, type ReviewTimeStats } from "@/lib/data/appeals/review-time-stats";
import { assertStaff } from "@/lib/data/blocks/actor";
import { z } from "zod";
import { isUuid } from "@/lib/data/ids";
import { getDb, Prisma } from "@/lib/db/client";
import { queryRows } from "@/lib/db/sql";

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
    // Raw (queryRows): UTC days as buckets, every day present, which the model API's
    // groupBy (by column values) cannot make.
    queryRows(
      db,
      Prisma.sql`
      SELECT to_char(d.day, 'YYYY-MM-DD') AS day, count(a.id)::int AS count
        FROM generate_series(${firstDay}::timestamptz AT TIME ZONE 'UTC', ${now}::timestamptz AT TIME ZONE 'UTC', interval '1 day') AS d(day)
        LEFT JOIN appeal a ON a.created_at >= d.day AT TIME ZONE 'UTC' AND a.created_at < (d.day + interval '1 day') AT TIME ZONE 'UTC' AND a.created_at <= ${now}
       GROUP BY d.day ORDER BY d.day`,
      z.object({ day: z.string(), count: z.number().int() }),
    ),
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
    decisionsPerReviewer(firstDay, now),
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

/** Decisions and questions per reviewer (staff events) in [since, until], the busiest first. */
async function decisionsPerReviewer(since: Date, until: Date): Promise<ReviewerDecisions[]> {
  const db = getDb();
  const staffEvents = (where: Prisma.EventWhereInput) =>
    db.event.groupBy({
      by: ["actorId"],
      where: { actorType: "STAFF", createdAt: { gte: since, lte: until }, ...where },
      _count: { _all: true },
    });
  const decided = (decision: "APPROVED" | "DENIED") =>
    staffEvents({ type: "APPEAL_DECIDED", data: { path: ["decision"], equals: decision } });
  const [all, approved, declined, asked] = await Promise.all([
    staffEvents({ type: { in: ["APPEAL_DECIDED", "APPEAL_INFO_REQUESTED"] } }),
    decided("APPROVED"),
    decided("DENIED"),
    staffEvents({ type: "APPEAL_INFO_REQUESTED" }),
  ]);
  const ids = all.flatMap((group) => (group.actorId !== null && isUuid(group.actorId) ? [group.actorId] : []));
  const users = await db.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } });
  const nameOf = new Map(users.map((user) => [user.id, user.name]));
  const countOf = (groups: typeof all, actorId: string | null) =>
    groups.find((group) => group.actorId === actorId)?._count._all ?? 0;
  return all
    .map((group) => ({
      name: (group.actorId !== null ? nameOf.get(group.actorId) : undefined) ?? "Unknown user",
      approved: countOf(approved, group.actorId),
      declined: countOf(declined, group.actorId),
      asked: countOf(asked, group.actorId),
      total: group._count._all,
    }))
    .sort((a, b) => b.total - a.total || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
