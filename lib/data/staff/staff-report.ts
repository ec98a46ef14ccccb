import "server-only";
import { appealQuestionLabel } from "@/lib/appeals";
import { STAFF_ROLES } from "@/lib/auth/roles";
import { isUuid } from "@/lib/data/ids";
import { z } from "zod";
import { getDb, Prisma } from "@/lib/db/client";
import { queryRows } from "@/lib/db/sql";
import { PUBLIC_ID_PATTERN } from "@/lib/report-link/link-format";
import { reportDocument, reportDocumentSql } from "@/lib/reports/data/get-report";
import { toReportView } from "@/lib/reports/data/report-row";
import type { ReportView } from "@/lib/reports/report-view";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { ActorType, AppealStatus, CaseStatus } from "@/lib/generated/prisma/enums";
import type { StaffReportRequest } from "./roles";

export interface StaffAppeal {
  reference: string;
  status: AppealStatus;
  submittedAt: string;
  /** As the sender typed it: unverified, and anyone holding the link may have written it. */
  contactEmail: string;
  explanation: string;
  answers: { question: string; answer: string }[];
  infoRequest: string | null;
  decisionReason: string | null;
  decidedAt: string | null;
  decidedBy: string | null;
  messages: { author: ActorType; body: string; at: string }[];
}

export interface StaffCaseMessage {
  author: "SENDER" | "STAFF";
  /** A staff member's note the sender never sees. */
  internal: boolean;
  note: string | null;
  /** The sender's contact address, as entered (unverified); null for staff messages. */
  contactEmail: string | null;
  /** The staff member who wrote it. */
  by: string | null;
  at: string;
}

export interface StaffCase {
  reference: string;
  status: CaseStatus;
  openedAt: string;
  bundleDigest: string;
  /** Oldest first: the sender's messages, replies to them, and internal notes. */
  messages: StaffCaseMessage[];
  /** Where replies are mailed: the sender's latest address on the case, or null. */
  senderContact: string | null;
  closedAt: string | null;
  /** A closing note kept in the CASE_CLOSED event by an earlier version (internal; newer notes are messages). */
  closingNote: string | null;
}

export interface StaffReport {
  report: ReportView;
  accountName: string;
  /** Newest first. */
  appeals: StaffAppeal[];
  /** Newest first. */
  cases: StaffCase[];
}

/**
 * A report as compliance staff see it: the same report the sender sees (no secret needed),
 * plus every review request with the sender's answers and contact, every case with its
 * messages, and the account. Callers: the staff console; the staff role is part of the
 * query, so anyone else gets NOT_FOUND, as for an unknown id.
 */
export async function getStaffReport({
  staffId,
  publicId,
  now = new Date(),
}: StaffReportRequest): Promise<StaffReport> {
  if (!isUuid(staffId) || !PUBLIC_ID_PATTERN.test(publicId)) throw new AppError("NOT_FOUND", "No report has this id.");
  const allowed = Prisma.sql`b.public_id = ${publicId} AND EXISTS (SELECT 1 FROM app_user WHERE id = ${staffId}::uuid AND role::text = ANY(${[...STAFF_ROLES]}) AND disabled_at IS NULL)`;
  return reportWithRecords(allowed, publicId, now, { withInternalNotes: true });
}

/** Whether a report has this id (any block: staff see every report); see isOwnersBlock for why it is asked first. */
export async function staffReportExists(publicId: string): Promise<boolean> {
  return PUBLIC_ID_PATTERN.test(publicId) && (await getDb().block.count({ where: { publicId } })) > 0;
}

/**
 * The report, its review requests and cases, for the block `allowed` selects (a condition
 * over `block b` that names the block by `publicId` and carries the caller's
 * authorization); NOT_FOUND when it selects nothing. Callers: getStaffReport and the owner
 * portal's getOwnerReport, each with its own condition. Staff's internal notes on cases are
 * read only `withInternalNotes` (the console); the owner portal never loads them.
 */
export async function reportWithRecords(
  allowed: Prisma.Sql,
  publicId: string,
  now: Date,
  { withInternalNotes }: { withInternalNotes: boolean },
): Promise<StaffReport> {
  // The sender's report document, the same one statement the report page runs (get-report.ts).
  const [row] = await queryRows(
    getDb(),
    Prisma.sql`SELECT (${reportDocumentSql(allowed)}) AS report`,
    z.object({ report: reportDocument.nullable() }),
  );
  if (!row?.report) throw new AppError("NOT_FOUND", "No report has this id.");
  const block = await getDb().block.findUniqueOrThrow({
    where: { publicId },
    select: {
      account: { select: { name: true } },
      events: { where: { type: "CASE_CLOSED" }, select: { data: true } },
      appeals: {
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        include: {
          decidedBy: { select: { name: true } },
          messages: { orderBy: [{ createdAt: "asc" }, { id: "asc" }] },
        },
      },
      cases: {
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        include: {
          messages: {
            where: withInternalNotes ? {} : { internal: false },
            orderBy: [{ createdAt: "asc" }, { internal: "asc" }, { id: "asc" }],
            include: { authorUser: { select: { name: true } } },
          },
        },
      },
    },
  });
  const closingNotes = new Map(
    block.events.map((e) => {
      const data = (e.data ?? {}) as { caseReference?: unknown; note?: unknown };
      return [String(data.caseReference), typeof data.note === "string" ? data.note : null] as const;
    }),
  );
  return {
    report: toReportView(row.report, { now, appealCooldownHours: env.APPEAL_COOLDOWN_HOURS }),
    accountName: block.account.name,
    appeals: block.appeals.map((a) => ({
      reference: a.reference,
      status: a.status,
      submittedAt: a.createdAt.toISOString(),
      contactEmail: a.contactEmail,
      explanation: a.explanation,
      answers: Object.entries((a.answers ?? {}) as Record<string, unknown>)
        .filter((entry): entry is [string, string] => typeof entry[1] === "string")
        .map(([key, answer]) => ({ question: appealQuestionLabel(key), answer })),
      infoRequest: a.infoRequest,
      decisionReason: a.decisionReason,
      decidedAt: a.decidedAt?.toISOString() ?? null,
      decidedBy: a.decidedBy?.name ?? null,
      messages: a.messages.map((m) => ({ author: m.author, body: m.body, at: m.createdAt.toISOString() })),
    })),
    cases: block.cases.map((c) => ({
      reference: c.reference,
      status: c.status,
      openedAt: c.createdAt.toISOString(),
      bundleDigest: c.bundleDigest,
      messages: c.messages.map((m) => ({
        author: m.author === "STAFF" ? ("STAFF" as const) : ("SENDER" as const),
        internal: m.internal,
        note: m.note,
        contactEmail: m.contactEmail,
        by: m.authorUser?.name ?? null,
        at: m.createdAt.toISOString(),
      })),
      senderContact: c.messages.findLast((m) => m.author === "SENDER" && m.contactEmail)?.contactEmail ?? null,
      closedAt: c.closedAt?.toISOString() ?? null,
      closingNote: closingNotes.get(c.reference) ?? null,
    })),
  };
}
