import "server-only";
import { isAdminRole } from "@/lib/auth/roles";
import { isUuid } from "@/lib/data/ids";
import { z } from "zod";
import { getDb, Prisma } from "@/lib/db/client";
import { queryRows } from "@/lib/db/sql";
import { AppError } from "@/lib/errors";
import type { AuditFilters } from "@/lib/staff/audit-filters";
import { isRealMoment } from "@/lib/forms/query-values";

export interface AuditEntry {
  /** Unique across both sources: `event-<id>` or `staff-<id>`. */
  key: string;
  at: string;
  actorId: string | null;
  /** The user's email, or the address typed at a failed sign-in. */
  actorEmail: string | null;
  actorName: string | null;
  action: string;
  /** The request or case reference, or the report id, acted on. */
  target: string | null;
  /** The report the target belongs to, for a link; null for sign-ins. */
  publicId: string | null;
  /** A decision's outcome, a reassignment's new holder. */
  detail: string | null;
  /** The written reason, note or failure cause. */
  reason: string | null;
  client: string | null;
}

export const AUDIT_PAGE_SIZE = 100;

/*
 * One log from two append-only tables: what staff did to blocks is in event (actor STAFF,
 * the same rows the sender's timeline is built from); sign-ins and claims are in
 * staff_audit. Ordered newest first by time to the microsecond, then source and id, so the
 * keyset cursor is exact. Raw SQL (queryRows): one keyset page over the union of two
 * tables, which the model API cannot order or page as one.
 */
const ENTRIES = Prisma.sql`(
  SELECT 'event' AS source, e.id, e.created_at AS at, e.actor_id AS "actorId", u.email AS "actorEmail", u.name AS "actorName",
         e.type::text AS action,
         coalesce(e.data->>'appealReference', e.data->>'caseReference', b.public_id) AS target, b.public_id AS "publicId",
         e.data->>'decision' AS detail, coalesce(e.data->>'reason', e.data->>'note') AS reason, NULL::text AS client
    FROM event e JOIN block b ON b.id = e.block_id LEFT JOIN app_user u ON u.id::text = e.actor_id
   WHERE e.actor_type = 'STAFF'
  UNION ALL
  SELECT 'staff', s.id, s.created_at, s.actor_id::text, s.actor_email, u.name, s.action::text, s.target,
         coalesce((SELECT b.public_id FROM appeal a JOIN block b ON b.id = a.block_id WHERE a.reference = s.target),
                  (SELECT b.public_id FROM compliance_case c JOIN block b ON b.id = c.block_id WHERE c.reference = s.target),
                  (SELECT b.public_id FROM block b WHERE b.public_id = s.target)),
         coalesce((SELECT t.name FROM app_user t WHERE t.id::text = s.data->>'to'), s.data->>'detail'), s.reason, s.client
    FROM staff_audit s LEFT JOIN app_user u ON u.id = s.actor_id
) x`;

const CURSOR = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6})~(event|staff)~(\d{1,19})$/;

function where(filters: AuditFilters, before: string | undefined): Prisma.Sql {
  const parts: Prisma.Sql[] = [Prisma.sql`TRUE`];
  if (filters.actor) {
    const pattern = `%${filters.actor.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    parts.push(Prisma.sql`(x."actorEmail" ILIKE ${pattern} OR x."actorName" ILIKE ${pattern})`);
  }
  if (filters.action) parts.push(Prisma.sql`x.action = ${filters.action}`);
  if (filters.target)
    parts.push(
      Prisma.sql`(upper(x.target) = ${filters.target.toUpperCase()} OR x."publicId" = ${filters.target.toLowerCase()})`,
    );
  if (filters.from) parts.push(Prisma.sql`x.at >= ${new Date(`${filters.from}T00:00:00Z`)}`);
  if (filters.to) parts.push(Prisma.sql`x.at < ${new Date(Date.parse(`${filters.to}T00:00:00Z`) + 86_400_000)}`);
  const cursor = before ? CURSOR.exec(Buffer.from(before, "base64url").toString("utf8")) : null;
  // bigint holds 19 digits, but not every 19-digit number.
  if (cursor && isRealMoment(cursor[1]!) && BigInt(cursor[3]!) <= 9_223_372_036_854_775_807n)
    parts.push(
      Prisma.sql`(x.at, x.source, x.id) < (${cursor[1]}::timestamp AT TIME ZONE 'UTC', ${cursor[2]}, ${cursor[3]}::bigint)`,
    );
  return Prisma.join(parts, " AND ");
}

const text = z.string().nullable();
const auditRow = z.object({
  source: z.enum(["event", "staff"]),
  id: z.bigint(),
  at: z.date(),
  cursorAt: z.string(),
  actorId: text,
  actorEmail: text,
  actorName: text,
  action: z.string(),
  target: text,
  publicId: text,
  detail: text,
  reason: text,
  client: text,
});

async function page(
  filters: AuditFilters,
  before: string | undefined,
  limit: number,
): Promise<{ entries: AuditEntry[]; next: string | null }> {
  const rows = await queryRows(
    getDb(),
    Prisma.sql`
    SELECT x.*, to_char(x.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') AS "cursorAt"
      FROM ${ENTRIES}
     WHERE ${where(filters, before)}
     ORDER BY x.at DESC, x.source DESC, x.id DESC
     LIMIT ${limit + 1}`,
    auditRow,
  );
  const last = rows.length > limit ? rows[limit - 1] : undefined;
  return {
    entries: rows.slice(0, limit).map((row) => ({
      key: `${row.source}-${row.id}`,
      at: row.at.toISOString(),
      actorId: row.actorId,
      actorEmail: row.actorEmail,
      actorName: row.actorName,
      action: row.action,
      target: row.target,
      publicId: row.publicId,
      detail: row.detail,
      reason: row.reason,
      client: row.client,
    })),
    next: last ? Buffer.from(`${last.cursorAt}~${last.source}~${last.id}`).toString("base64url") : null,
  };
}

async function assertAdmin(staffId: string): Promise<void> {
  const user = isUuid(staffId)
    ? await getDb().user.findUnique({ where: { id: staffId }, select: { role: true } })
    : null;
  if (!isAdminRole(user?.role)) throw new AppError("FORBIDDEN", "The audit log is for admins.");
}

/**
 * One page of the staff audit log, newest first: every staff action, sign-in and failed
 * sign-in, filtered; `before` is the cursor from the previous page.
 * Callers: the console's audit page, for an ADMIN (checked here; FORBIDDEN otherwise).
 */
export async function listAuditEntries({
  staffId,
  filters,
  before,
}: {
  staffId: string;
  filters: AuditFilters;
  before?: string;
}): Promise<{ entries: AuditEntry[]; next: string | null }> {
  await assertAdmin(staffId);
  return page(filters, before, AUDIT_PAGE_SIZE);
}

/**
 * Every matching entry, newest first, in batches (keyset, so memory stays flat however long
 * the log): for the CSV export. Admins only, checked before the first batch.
 */
export async function* auditEntryBatches({
  staffId,
  filters,
  batchSize = 1000,
}: {
  staffId: string;
  filters: AuditFilters;
  batchSize?: number;
}): AsyncGenerator<AuditEntry[]> {
  await assertAdmin(staffId);
  let before: string | undefined;
  do {
    const result = await page(filters, before, batchSize);
    if (result.entries.length) yield result.entries;
    before = result.next ?? undefined;
  } while (before);
}
