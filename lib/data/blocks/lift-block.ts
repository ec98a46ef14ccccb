import "server-only";
import { inTransaction, type Tx } from "@/lib/data/transaction";
import { enqueueWebhookEvent } from "@/lib/data/webhooks/enqueue-webhook-event";
import { AppError } from "@/lib/errors";
import { assertActor, type BlockActor } from "./actor";
import { BLOCK_WITH_USER_SELECT, blockWithUserToDto, type BlockDto } from "./block-dto";
import { insertEvent } from "./evidence-rows";
import { isStorableText, UNSTORABLE_TEXT_MESSAGE } from "./storable-text";

export interface LiftBlockOptions {
  /** The report's public id. */
  publicId: string;
  /** Why the block ends; shown on the report and in the timeline. */
  reason: string;
  actor: BlockActor;
  /** A Prisma transaction to lift within (e.g. together with an appeal decision). */
  tx?: Tx;
  now?: Date;
}

export const LIFT_REASON_MIN = 3;
export const LIFT_REASON_MAX = 2000;

/**
 * Ends an open block: status LIFTED with the reason, a LIFTED event naming the actor, and
 * a `block.lifted` webhook so the relay accepts the sender's mail again. Lifting a block
 * that already ended is a CONFLICT. Callers: the relay (API key) and compliance staff (the
 * staff console uses this same function; the actor is checked here).
 */
export async function liftBlock(options: LiftBlockOptions): Promise<BlockDto> {
  const reason = options.reason.trim();
  if (reason.length < LIFT_REASON_MIN || reason.length > LIFT_REASON_MAX) {
    throw new AppError("INVALID", `reason: must be ${LIFT_REASON_MIN} to ${LIFT_REASON_MAX} characters`, {
      field: "reason",
    });
  }
  if (!isStorableText(reason)) throw new AppError("INVALID", `reason: ${UNSTORABLE_TEXT_MESSAGE}`, { field: "reason" });
  const now = options.now ?? new Date();
  return inTransaction(options.tx, async (tx) => {
    await assertActor(tx, options.actor);
    const [lifted] = await tx.block.updateManyAndReturn({
      where: { publicId: options.publicId, status: { in: ["ACTIVE", "UNDER_REVIEW"] } },
      data: { status: "LIFTED", liftReason: reason, endedAt: now, updatedAt: now },
      select: BLOCK_WITH_USER_SELECT,
    });
    if (!lifted) {
      const existing = await tx.block.findUnique({ where: { publicId: options.publicId }, select: { status: true } });
      if (!existing) throw new AppError("NOT_FOUND", "No block has this id.");
      throw new AppError("CONFLICT", `This block is already ${existing.status.toLowerCase()}.`);
    }
    await insertEvent(tx, lifted, { type: "LIFTED", actor: options.actor, now, data: { reason } });
    const dto = blockWithUserToDto(lifted);
    await enqueueWebhookEvent(tx, lifted.accountId, "block.lifted", { block: dto }, now);
    return dto;
  });
}
