import "server-only";
import { assertActor } from "@/lib/data/blocks/actor";
import { autocommit } from "@/lib/data/sql-tx";
import { getDb } from "@/lib/db/client";
import type { AppealStatus, BlockReason, BlockStatus } from "@/lib/generated/prisma/enums";

export interface QueueBlock {
  publicId: string;
  reason: BlockReason;
  status: BlockStatus;
  smtpUser: string;
  senderAddress: string | null;
  accountName: string;
}

export interface QueueAppeal {
  reference: string;
  status: AppealStatus;
  submittedAt: string;
  /** When the request last changed (submitted, answered, or asked about). */
  since: string;
  block: QueueBlock;
}

export interface QueueCase {
  reference: string;
  openedAt: string;
  messages: number;
  block: QueueBlock;
}

export interface ReviewQueue {
  /** OPEN requests, waiting for a decision, in the order they were submitted. */
  toDecide: QueueAppeal[];
  /** NEEDS_INFO requests, waiting for the sender's answer. */
  waitingForSender: QueueAppeal[];
  /** Open "Report message" cases, oldest first. */
  cases: QueueCase[];
}

export const QUEUE_LIMIT = 200;

const blockSelect = {
  publicId: true, reason: true, status: true, senderAddress: true,
  smtpUser: { select: { username: true } },
  account: { select: { name: true } },
} as const;

type BlockRow = { publicId: string; reason: BlockReason; status: BlockStatus; senderAddress: string | null; smtpUser: { username: string }; account: { name: string } };

const toQueueBlock = (b: BlockRow): QueueBlock => ({
  publicId: b.publicId, reason: b.reason, status: b.status, smtpUser: b.smtpUser.username, senderAddress: b.senderAddress, accountName: b.account.name,
});

/*
 * Requests to decide keep the place they took when submitted: an answered question
 * returns its request to that place, not to the back. Requests waiting for the sender are
 * listed by when they were asked.
 */
async function appealsWithStatus(status: "OPEN" | "NEEDS_INFO"): Promise<QueueAppeal[]> {
  const rows = await getDb().appeal.findMany({
    where: { status },
    orderBy: [status === "OPEN" ? { createdAt: "asc" } : { updatedAt: "asc" }, { id: "asc" }],
    take: QUEUE_LIMIT,
    select: { reference: true, status: true, createdAt: true, updatedAt: true, block: { select: blockSelect } },
  });
  return rows.map((a) => ({ reference: a.reference, status: a.status, submittedAt: a.createdAt.toISOString(), since: a.updatedAt.toISOString(), block: toQueueBlock(a.block) }));
}

/**
 * The compliance queue across every account. Callers: the staff console, for a staff
 * member (STAFF or ADMIN, checked here against the database); anyone else gets FORBIDDEN.
 */
export async function listReviewQueue({ staffId }: { staffId: string }): Promise<ReviewQueue> {
  await assertActor(autocommit(), { type: "STAFF", id: staffId });
  const [toDecide, waitingForSender, cases] = await Promise.all([
    appealsWithStatus("OPEN"),
    appealsWithStatus("NEEDS_INFO"),
    getDb().complianceCase.findMany({
      where: { status: "OPEN" },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: QUEUE_LIMIT,
      select: { reference: true, createdAt: true, _count: { select: { messages: true } }, block: { select: blockSelect } },
    }),
  ]);
  return {
    toDecide,
    waitingForSender,
    cases: cases.map((c) => ({ reference: c.reference, openedAt: c.createdAt.toISOString(), messages: c._count.messages, block: toQueueBlock(c.block) })),
  };
}
