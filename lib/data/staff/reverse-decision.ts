import "server-only";
import { z } from "zod";
import { DECISION_TEXT_MAX, DECISION_TEXT_MIN } from "@/lib/appeals/decision-labels";
import { requiredText } from "@/lib/appeals/form-text";
import { approvalLiftedBlock } from "@/lib/appeals/reversal";
import type { BlockActor } from "@/lib/data/blocks/actor";
import { liftBlock } from "@/lib/data/blocks/lift-block";
import { reinstateBlock } from "@/lib/data/blocks/reinstate-block";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { fieldErrorsOf } from "@/lib/forms/field-errors";
import { announceDecision, blockEndedOf, lockAppeal, type BlockEnded } from "./decide-appeal";
import { assertAdmin } from "./roles";

export const reverseDecisionFormSchema = z.object({
  /** The decision the admin saw and means to reverse: a form posted twice, or by two admins at once, reverses it once. */
  reverses: z.enum(["APPROVED", "DENIED"], { error: "Reload the page: it did not say which decision to reverse." }),
  reason: requiredText("the reason", DECISION_TEXT_MIN, DECISION_TEXT_MAX),
});

export interface ReverseDecisionResult {
  reference: string;
  publicId: string;
  /** The request's status now: the opposite of the decision reversed. */
  status: "APPROVED" | "DENIED";
  /** Set when the block had ended before (lifted by the relay, expired), so the reversal changed nothing about it. */
  blockEnded?: BlockEnded;
}

/**
 * An admin reverses the decision on a review request, with a written reason the sender
 * reads. Reversing a decline approves the request and lifts the block (the same liftBlock
 * the relay API and reviewers use, so a LIFTED event and `block.lifted`); reversing an
 * approval declines it and puts the block back in force if that approval lifted it
 * (reinstateBlock: `block.reinstated`); a block the relay had lifted before, or that
 * expired, stays as it is, and the sender's mail says it had ended. The request, the block, a DECISION_REVERSED event, the
 * `appeal.decided` webhook and the sender's mail commit together. Only the newest request
 * of a block can be reversed. Callers: the staff console, for an ADMIN (checked here).
 * Throws AppError INVALID (details.fieldErrors), FORBIDDEN, NOT_FOUND, CONFLICT.
 */
export async function reverseDecision({
  adminId,
  reference,
  fields,
  now = new Date(),
}: {
  adminId: string;
  reference: string;
  fields: Record<string, unknown>;
  now?: Date;
}): Promise<ReverseDecisionResult> {
  const parsed = reverseDecisionFormSchema.safeParse(fields);
  if (!parsed.success)
    throw new AppError("INVALID", "Please check the highlighted fields.", { fieldErrors: fieldErrorsOf(parsed.error) });
  const { reason, reverses } = parsed.data;
  const actor: BlockActor = { type: "STAFF", id: adminId };
  return getDb().$transaction(async (tx) => {
    await assertAdmin(tx, adminId, "Only an admin can reverse a decision.");
    const appeal = await lockAppeal(tx, reference);
    if (appeal.status !== "APPROVED" && appeal.status !== "DENIED")
      throw new AppError("CONFLICT", "This request is not decided yet: there is no decision to reverse.");
    if (appeal.status !== reverses)
      throw new AppError(
        "CONFLICT",
        `This decision was already reversed: the request is ${appeal.status === "APPROVED" ? "approved" : "declined"} now. Reload the page to see it.`,
      );
    const newest = await tx.appeal.findFirst({
      where: { blockId: appeal.blockId },
      orderBy: { createdAt: "desc" },
      select: { reference: true },
    });
    if (newest?.reference !== reference)
      throw new AppError(
        "CONFLICT",
        `The sender has requested a review again since (${newest?.reference}): decide on that one instead.`,
      );

    const status = appeal.status === "APPROVED" ? "DENIED" : "APPROVED";
    // The block as lockAppeal read it, its row locked: a reversal or a lift that committed
    // while this one waited has changed it already.
    const before = { status: appeal.blockStatus, endedAt: appeal.blockEndedAt };
    let blockStatus = before.status;
    const inForce = blockStatus === "ACTIVE" || blockStatus === "UNDER_REVIEW";
    // A block the relay had lifted before the approval, or that expired, stays ended: reversing
    // such an approval takes back a decision, not the relay's own lift.
    const liftedByTheApproval = approvalLiftedBlock(before, appeal.decidedAt);
    if (status === "DENIED" && liftedByTheApproval)
      blockStatus = (await reinstateBlock({ publicId: appeal.publicId, actor, tx, now })).status;
    // A decline reversed on a block that has ended meanwhile (expired, lifted by the relay) has nothing left to lift.
    if (status === "APPROVED" && inForce)
      blockStatus = (await liftBlock({ publicId: appeal.publicId, reason, actor, tx, now })).status;

    // Approving on a block that ended meanwhile lifts nothing, and declining puts back only a
    // block the approval had lifted: otherwise the sender's mail says the block had ended.
    const blockEnded =
      (status === "APPROVED" && !inForce) || (status === "DENIED" && !liftedByTheApproval)
        ? blockEndedOf(before)
        : undefined;
    await tx.appeal.update({
      where: { id: appeal.id },
      data: { status, decisionReason: reason, decidedById: adminId, decidedAt: now, updatedAt: now },
    });
    await tx.event.create({
      data: {
        blockId: appeal.blockId,
        accountId: appeal.accountId,
        type: "DECISION_REVERSED",
        actorType: "STAFF",
        actorId: adminId,
        createdAt: now,
        data: {
          appealReference: reference,
          decision: status,
          reversed: appeal.status,
          reason,
          ...(blockEnded && { blockUnchanged: true }),
        },
      },
    });
    await announceDecision(
      tx,
      appeal,
      reference,
      { status, text: reason, blockStatus, blockEnded, reversed: true },
      now,
    );
    return { reference, publicId: appeal.publicId, status, ...(blockEnded && { blockEnded }) };
  });
}
