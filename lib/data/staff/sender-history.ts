import "server-only";
import { assertStaff } from "@/lib/data/blocks/actor";
import { getDb } from "@/lib/db/client";
import { PUBLIC_ID_PATTERN } from "@/lib/report-link/link-format";
import { AppError } from "@/lib/errors";
import type { AppealStatus, BlockReason, BlockStatus } from "@/lib/generated/prisma/enums";
import { recordStaffAudit } from "./audit-log";
import type { StaffReportRequest } from "./roles";

/** How the earlier block relates to the one under review. */
export type HistoryMatch = "smtp user" | "sender address" | "account";

export interface HistoryBlock {
  publicId: string;
  createdAt: string;
  reason: BlockReason;
  status: BlockStatus;
  smtpUser: string;
  senderAddress: string | null;
  /** Why it ended, when it was lifted. */
  liftReason: string | null;
  /** What it shares with the block under review. */
  matches: HistoryMatch[];
  /** Its latest review request's outcome, if it had one. */
  review: { reference: string; status: AppealStatus; decisionReason: string | null; decidedBy: string | null } | null;
}

export interface ReportViewer {
  name: string;
  /** Their latest opening of this report. */
  at: string;
}

export interface SenderHistory {
  /** Earlier blocks sharing the SMTP user, the sender address or the account, newest first. */
  blocks: HistoryBlock[];
  /** Staff who opened this report, the latest opening of each, newest first. */
  viewers: ReportViewer[];
}

/** Per kind of match: enough to see a pattern without paging. */
export const HISTORY_LIMIT = 10;

/**
 * The sender's history for the review page: earlier blocks of the same SMTP user, sender
 * address and account with their decisions and reasons, and who on the staff opened this
 * report. Records the viewer's own opening first (a staff page view may write; a sender's
 * GET never does). Callers: the staff report page, for STAFF or ADMIN (checked here).
 * Throws FORBIDDEN, NOT_FOUND.
 */
export async function getSenderHistory({
  staffId,
  publicId,
  now = new Date(),
}: StaffReportRequest): Promise<SenderHistory> {
  await assertStaff(getDb(), staffId);
  if (!PUBLIC_ID_PATTERN.test(publicId)) throw new AppError("NOT_FOUND", "No report has this id.");
  const db = getDb();
  const block = await db.block.findUnique({
    where: { publicId },
    select: { id: true, smtpUserId: true, senderAddress: true, accountId: true, createdAt: true },
  });
  if (!block) throw new AppError("NOT_FOUND", "No report has this id.");
  const viewer = await db.user.findUniqueOrThrow({ where: { id: staffId }, select: { email: true } });
  await recordStaffAudit(db, { actorId: staffId, actorEmail: viewer.email, action: "VIEW", target: publicId, now });

  const select = {
    id: true,
    publicId: true,
    createdAt: true,
    reason: true,
    status: true,
    senderAddress: true,
    liftReason: true,
    smtpUserId: true,
    accountId: true,
    smtpUser: { select: { username: true } },
    appeals: {
      orderBy: [{ createdAt: "desc" as const }, { id: "desc" as const }],
      take: 1,
      select: { reference: true, status: true, decisionReason: true, decidedBy: { select: { name: true } } },
    },
  };
  const earlier = { id: { not: block.id }, createdAt: { lte: block.createdAt } };
  const order = [{ createdAt: "desc" as const }, { id: "desc" as const }];
  // One indexed query per kind of match (an OR across them would sort a bulk account's every block).
  const [bySmtpUser, byAddress, byAccount, views] = await Promise.all([
    db.block.findMany({
      where: { ...earlier, smtpUserId: block.smtpUserId },
      orderBy: order,
      take: HISTORY_LIMIT,
      select,
    }),
    block.senderAddress
      ? db.block.findMany({
          where: { ...earlier, senderAddress: block.senderAddress },
          orderBy: order,
          take: HISTORY_LIMIT,
          select,
        })
      : [],
    db.block.findMany({
      where: { ...earlier, accountId: block.accountId },
      orderBy: order,
      take: HISTORY_LIMIT,
      select,
    }),
    db.staffAudit.groupBy({
      by: ["actorId"],
      where: { action: "VIEW", target: publicId, actorId: { not: null } },
      _max: { createdAt: true },
    }),
  ]);
  const found = new Map<string, (typeof bySmtpUser)[number]>();
  for (const row of [...bySmtpUser, ...byAddress, ...byAccount]) found.set(row.id, row);
  const blocks = [...found.values()]
    .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b.id.localeCompare(a.id))
    .map((row): HistoryBlock => {
      const review = row.appeals[0];
      return {
        publicId: row.publicId,
        createdAt: row.createdAt.toISOString(),
        reason: row.reason,
        status: row.status,
        smtpUser: row.smtpUser.username,
        senderAddress: row.senderAddress,
        liftReason: row.liftReason,
        matches: [
          ...(row.smtpUserId === block.smtpUserId ? (["smtp user"] as const) : []),
          ...(block.senderAddress && row.senderAddress === block.senderAddress ? (["sender address"] as const) : []),
          ...(row.accountId === block.accountId ? (["account"] as const) : []),
        ],
        review: review
          ? {
              reference: review.reference,
              status: review.status,
              decisionReason: review.decisionReason,
              decidedBy: review.decidedBy?.name ?? null,
            }
          : null,
      };
    });
  const names = new Map(
    (
      await db.user.findMany({ where: { id: { in: views.map((v) => v.actorId!) } }, select: { id: true, name: true } })
    ).map((u) => [u.id, u.name]),
  );
  const viewers = views
    .map((v) => ({ name: names.get(v.actorId!) ?? "Unknown user", at: v._max.createdAt!.toISOString() }))
    .sort((a, b) => b.at.localeCompare(a.at));
  return { blocks, viewers };
}
