import "server-only";
import { decisionFormSchema, fieldErrorsOf, type AppealDecision } from "@/lib/appeals";
import { conversationReferenceOf } from "@/lib/data/appeals/conversation-reference";
import { enqueueMail } from "@/lib/data/appeals/enqueue-mail";
import { assertActor, type BlockActor } from "@/lib/data/blocks/actor";
import { liftBlock } from "@/lib/data/blocks/lift-block";
import { enqueueWebhookEvent } from "@/lib/data/webhooks/enqueue-webhook-event";
import { z } from "zod";
import { getDb, Prisma } from "@/lib/db/client";
import { queryRows } from "@/lib/db/sql";
import { AppError } from "@/lib/errors";
import { assertClaimAllows } from "./claims";
import { AppealStatus, BlockStatus } from "@/lib/generated/prisma/enums";

export interface DecideAppealOptions {
  staffId: string;
  /** The appeal's reference (A-…). */
  reference: string;
  /** The raw form fields: decision and text; validated here. */
  fields: Record<string, unknown>;
  now?: Date;
}

export interface DecideAppealResult {
  reference: string;
  publicId: string;
  status: AppealStatus;
  /** Set when the block had ended before this decision (lifted by the relay, expired while the request waited). */
  blockEnded?: BlockEnded;
}

/** A block that was no longer in force when its request was decided: what ended it, and when. */
export type BlockEnded = { status: "LIFTED" | "EXPIRED"; at: string | null };

/** The block's end as a decision's mail tells it, or undefined while it is in force. */
export function blockEndedOf(block: { status: BlockStatus; endedAt: Date | null }): BlockEnded | undefined {
  return block.status === "LIFTED" || block.status === "EXPIRED"
    ? { status: block.status, at: block.endedAt?.toISOString() ?? null }
    : undefined;
}

const NEW_STATUS: Record<AppealDecision, AppealStatus> = { approve: "APPROVED", deny: "DENIED", ask: "NEEDS_INFO" };

const lockedAppeal = z.object({
  id: z.string(),
  status: z.enum(AppealStatus),
  contactEmail: z.string(),
  blockId: z.string(),
  accountId: z.string(),
  publicId: z.string(),
  blockStatus: z.enum(BlockStatus),
  /** When the block ended (lifted, expired), or null while it is in force. */
  blockEndedAt: z.date().nullable(),
  firstResponseAt: z.date().nullable(),
  decidedAt: z.date().nullable(),
});

type LockedAppeal = z.output<typeof lockedAppeal>;

/**
 * A reviewer's decision on a review request: approve (the block is lifted with the reason,
 * through the same liftBlock the relay API uses), decline (the block is back in force) or
 * ask the sender a question (the request waits for their answer). A block that ended while
 * the request waited (lifted by the relay, expired) stays as it is: the request is still
 * answered, and the sender's mail says the block had already ended rather than that it
 * stays or is lifted now. The appeal, the block,
 * the events, the sender's mail and the `appeal.decided` / `block.lifted` webhooks commit
 * together. Callers: the staff console, for a STAFF or ADMIN user (checked here).
 * Throws AppError INVALID (details.fieldErrors), FORBIDDEN, NOT_FOUND, CONFLICT.
 */
export async function decideAppeal({
  staffId,
  reference,
  fields,
  now = new Date(),
}: DecideAppealOptions): Promise<DecideAppealResult> {
  const parsed = decisionFormSchema.safeParse(fields);
  if (!parsed.success)
    throw new AppError("INVALID", "Please check the highlighted fields.", { fieldErrors: fieldErrorsOf(parsed.error) });
  const { decision, text } = parsed.data;
  const actor: BlockActor = { type: "STAFF", id: staffId };
  return getDb().$transaction(async (tx) => {
    await assertActor(tx, actor);
    const appeal = await lockAppeal(tx, reference);
    if (appeal.status === "APPROVED" || appeal.status === "DENIED")
      throw new AppError(
        "CONFLICT",
        `This request was already ${appeal.status === "APPROVED" ? "approved" : "declined"}. Reload the page to see the decision.`,
      );
    if (decision === "ask" && appeal.status === "NEEDS_INFO")
      throw new AppError("CONFLICT", "This request is already waiting for the sender's answer to a question.");
    await assertClaimAllows(tx, { reference, staffId, now });

    const status = NEW_STATUS[decision];
    // A block that ended while the request waited (lifted by the relay, or expired) has
    // nothing left to lift; the request is still answered.
    const inForce = appeal.blockStatus === "ACTIVE" || appeal.blockStatus === "UNDER_REVIEW";
    if (decision === "approve" && inForce) await liftBlock({ publicId: appeal.publicId, reason: text, actor, tx, now });
    if (decision === "deny") {
      await tx.block.updateMany({
        where: { id: appeal.blockId, status: "UNDER_REVIEW" },
        data: { status: "ACTIVE", updatedAt: now },
      });
    }
    const decided = decision !== "ask";
    // The first decision or question is what the report's review times measure.
    const firstResponseAt = appeal.firstResponseAt ?? now;
    await tx.appeal.update({
      where: { id: appeal.id },
      data: decided
        ? { status, decisionReason: text, decidedById: staffId, decidedAt: now, updatedAt: now, firstResponseAt }
        : { status, infoRequest: text, updatedAt: now, firstResponseAt },
    });
    if (!decided)
      await tx.appealMessage.create({
        data: { appealId: appeal.id, accountId: appeal.accountId, author: "STAFF", body: text },
      });
    await tx.event.create({
      data: {
        blockId: appeal.blockId,
        accountId: appeal.accountId,
        actorType: "STAFF",
        actorId: staffId,
        createdAt: now,
        ...(decided
          ? { type: "APPEAL_DECIDED", data: { appealReference: reference, decision: status, reason: text } }
          : { type: "APPEAL_INFO_REQUESTED", data: { appealReference: reference } }),
      },
    });
    // Read after the changes: a block the relay lifted while this decline waited for its
    // row is LIFTED here, and neither the relay nor the sender is told it stays.
    const block = await tx.block.findUniqueOrThrow({
      where: { id: appeal.blockId },
      select: { status: true, endedAt: true },
    });
    const liftedNow = decision === "approve" && inForce;
    const blockEnded = decided && !liftedNow ? blockEndedOf(block) : undefined;
    // A question decides nothing: the relay hears of decisions only.
    await announceDecision(
      tx,
      appeal,
      reference,
      {
        status: status as "APPROVED" | "DENIED" | "NEEDS_INFO",
        text,
        blockStatus: decided ? block.status : null,
        blockEnded,
        reversed: false,
      },
      now,
    );
    return { reference, publicId: appeal.publicId, status, ...(blockEnded && { blockEnded }) };
  });
}

/**
 * Tells the relay (the `appeal.decided` webhook; none when `blockStatus` is null, for a
 * question) and the sender (mail) of a reviewer's decision or question or an admin's
 * reversal, in the transaction that made it.
 */
export async function announceDecision(
  tx: Prisma.TransactionClient,
  appeal: LockedAppeal,
  reference: string,
  decision: {
    status: "APPROVED" | "DENIED" | "NEEDS_INFO";
    text: string;
    blockStatus: BlockStatus | null;
    /** The block had ended before this decision (lifted by the relay, expired): the mail says so. */
    blockEnded?: BlockEnded;
    reversed: boolean;
  },
  now: Date,
): Promise<void> {
  const { status, text, blockStatus, blockEnded, reversed } = decision;
  if (blockStatus !== null) {
    await enqueueWebhookEvent(
      tx,
      appeal.accountId,
      "appeal.decided",
      {
        appeal: { reference, status, decidedAt: now.toISOString(), ...(reversed && { reversed: true }) },
        block: { id: appeal.publicId, status: blockStatus },
      },
      now,
    );
  }
  // The sender quotes one reference for the block (an earlier case's, if there is one).
  const conversationReference = await conversationReferenceOf(tx, appeal.blockId, reference);
  await enqueueMail(
    tx,
    appeal.contactEmail,
    {
      template: "appeal-decided",
      data: {
        reference: conversationReference,
        publicId: appeal.publicId,
        outcome: status,
        text,
        ...(reversed && { reversed: true }),
        ...(blockEnded && { blockEnded }),
      },
    },
    now,
  );
}

// Row locks on the request and its block (FOR UPDATE OF a, b), which the model API does not
// take, hence raw SQL: two reviewers deciding the same request at once are serialised (the
// second sees the first's decision and gets CONFLICT), and so are a decision and the relay
// lifting the block, or the expiry job ending it: the decision waits for the lift to commit
// and reads the block as ended (the request is still answered), or the lift waits for the
// decision. Only the block's row is written elsewhere without the request's, so the two
// locks cannot be taken in opposite orders.
export async function lockAppeal(tx: Prisma.TransactionClient, reference: string): Promise<LockedAppeal> {
  const [appeal] = await queryRows(
    tx,
    Prisma.sql`
    SELECT a.id, a.status::text AS status, a.contact_email AS "contactEmail", a.block_id AS "blockId", a.account_id AS "accountId",
           b.public_id AS "publicId", b.status::text AS "blockStatus", b.ended_at AS "blockEndedAt",
           a.first_response_at AS "firstResponseAt", a.decided_at AS "decidedAt"
      FROM appeal a JOIN block b ON b.id = a.block_id
     WHERE a.reference = ${reference}
       FOR UPDATE OF a, b`,
    lockedAppeal,
  );
  if (!appeal) throw new AppError("NOT_FOUND", "No review request has this reference.");
  return appeal;
}
