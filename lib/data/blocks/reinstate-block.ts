import "server-only";
import { inTransaction, type Tx } from "@/lib/data/transaction";
import { enqueueWebhookEvent } from "@/lib/data/webhooks/enqueue-webhook-event";
import { equalsIgnoringCase } from "@/lib/db/text-filters";
import { AppError } from "@/lib/errors";
import { assertActor, type BlockActor } from "./actor";
import { BLOCK_WITH_USER_SELECT, blockWithUserToDto, type BlockDto } from "./block-dto";

export interface ReinstateBlockOptions {
  /** The report's public id. */
  publicId: string;
  actor: BlockActor;
  /** The transaction of the change that puts the block back (an admin reversing an approval). */
  tx?: Tx;
  now?: Date;
}

/**
 * Puts a lifted block back in force, the reverse of liftBlock: status ACTIVE, its lift
 * reason and end cleared, and a `block.reinstated` webhook so the relay refuses the
 * sender's mail again (the Postfix policy service is told by the block_reopened trigger).
 * The caller records why on the block's timeline. A block whose expiry has passed stays
 * ended: CONFLICT, as is a block that is not lifted or whose sender has a newer open block.
 */
export async function reinstateBlock(options: ReinstateBlockOptions): Promise<BlockDto> {
  const now = options.now ?? new Date();
  return inTransaction(options.tx, async (tx) => {
    await assertActor(tx, options.actor);
    const block = await tx.block.findUnique({
      where: { publicId: options.publicId },
      select: { id: true, status: true, expiresAt: true, smtpUserId: true, senderAddress: true },
    });
    if (!block) throw new AppError("NOT_FOUND", "No block has this id.");
    if (block.status !== "LIFTED")
      throw new AppError(
        "CONFLICT",
        `This block is ${block.status.toLowerCase().replace("_", " ")}, not lifted: there is nothing to put back in force.`,
      );
    // One block per SMTP user and sender address may be open (index block_one_open_per_target).
    const newer = await tx.block.count({
      where: {
        smtpUserId: block.smtpUserId,
        senderAddress: block.senderAddress === null ? null : equalsIgnoringCase(block.senderAddress),
        status: { in: ["ACTIVE", "UNDER_REVIEW"] },
        id: { not: block.id },
      },
    });
    if (newer > 0)
      throw new AppError(
        "CONFLICT",
        "A newer block for the same sender is in force already: this one cannot be put back beside it.",
      );
    if (block.expiresAt !== null && block.expiresAt <= now)
      throw new AppError(
        "CONFLICT",
        "This block's time has run out since it was lifted: there is nothing to put back in force.",
      );
    const [reinstated] = await tx.block.updateManyAndReturn({
      where: { id: block.id, status: "LIFTED" },
      data: { status: "ACTIVE", liftReason: null, endedAt: null, updatedAt: now },
      select: BLOCK_WITH_USER_SELECT,
    });
    if (!reinstated) throw new AppError("CONFLICT", "This block changed while it was being put back; retry.");
    const dto = blockWithUserToDto(reinstated);
    await enqueueWebhookEvent(tx, reinstated.accountId, "block.reinstated", { block: dto }, now);
    return dto;
  });
}
