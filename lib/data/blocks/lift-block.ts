import "server-only";
import { enqueueWebhookEvent } from "@/lib/data/webhooks/enqueue-webhook-event";
import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { assertActor, type BlockActor } from "./actor";
import { BLOCK_COLUMNS, toBlockDto, type BlockDto, type BlockRow } from "./block-dto";
import { findBlockUser } from "./find-block";
import { inTransaction, type Tx } from "./transaction";

export interface LiftBlockOptions {
  /** The report's public id. */
  publicId: string;
  /** Why the block ends; shown on the report and in the timeline. */
  reason: string;
  actor: BlockActor;
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
    throw new AppError("INVALID", `reason: must be ${LIFT_REASON_MIN} to ${LIFT_REASON_MAX} characters`, { field: "reason" });
  }
  const now = options.now ?? new Date();
  return inTransaction(options.tx, async (tx) => {
    await assertActor(tx, options.actor);
    const [lifted] = await tx.$queryRaw<BlockRow[]>`
      UPDATE block SET status = 'LIFTED', lift_reason = ${reason}, ended_at = ${now}, updated_at = ${now}
      WHERE public_id = ${options.publicId} AND status IN ('ACTIVE', 'UNDER_REVIEW')
      RETURNING ${Prisma.raw(BLOCK_COLUMNS)}`;
    if (!lifted) {
      const existing = await tx.block.findUnique({ where: { publicId: options.publicId }, select: { status: true } });
      if (!existing) throw new AppError("NOT_FOUND", "No block has this id.");
      throw new AppError("CONFLICT", `This block is already ${existing.status.toLowerCase()}.`);
    }
    await tx.event.create({
      data: {
        blockId: lifted.id, accountId: lifted.accountId, type: "LIFTED", actorType: options.actor.type,
        actorId: options.actor.id, data: { reason }, createdAt: now,
      },
    });
    const dto = toBlockDto(lifted, await findBlockUser(tx, lifted.smtpUserId));
    await enqueueWebhookEvent(tx, lifted.accountId, "block.lifted", { block: { ...dto } }, now);
    return dto;
  });
}
