import "server-only";
import { inSqlTransaction, type TxOption } from "@/lib/data/sql-tx";
import { enqueueWebhookEvent } from "@/lib/data/webhooks/enqueue-webhook-event";
import { AppError } from "@/lib/errors";
import { assertActor, type BlockActor } from "./actor";
import { BLOCK_COLUMNS, toBlockDto, type BlockDto, type BlockRow } from "./block-dto";
import { findBlockUser } from "./find-block";

export interface ReinstateBlockOptions {
  /** The report's public id. */
  publicId: string;
  actor: BlockActor;
  /** The transaction of the change that puts the block back (an admin reversing an approval). */
  tx?: TxOption;
  now?: Date;
}

// One block per SMTP user and sender address may be open (index block_one_open_per_target):
// another open block for the same target, for `block` (the row being reinstated).
const NEWER_OPEN_BLOCK = `SELECT 1 FROM block o
   WHERE o.smtp_user_id = block.smtp_user_id AND coalesce(lower(o.sender_address), '') = coalesce(lower(block.sender_address), '')
     AND o.status IN ('ACTIVE', 'UNDER_REVIEW') AND o.id <> block.id`;

/**
 * Puts a lifted block back in force, the reverse of liftBlock: status ACTIVE, its lift
 * reason and end cleared, and a `block.reinstated` webhook so the relay refuses the
 * sender's mail again (the Postfix policy service is told by the block_reopened trigger).
 * The caller records why on the block's timeline. A block whose expiry has passed stays
 * ended: CONFLICT, as is a block that is not lifted or whose sender has a newer open block.
 */
export async function reinstateBlock(options: ReinstateBlockOptions): Promise<BlockDto> {
  const now = options.now ?? new Date();
  return inSqlTransaction(options.tx, async (sql) => {
    await assertActor(sql, options.actor);
    const [block] = await sql.query<BlockRow>(
      `UPDATE block SET status = 'ACTIVE', lift_reason = NULL, ended_at = NULL, updated_at = $2
       WHERE public_id = $1 AND status = 'LIFTED' AND (expires_at IS NULL OR expires_at > $2)
         AND NOT EXISTS (${NEWER_OPEN_BLOCK})
       RETURNING ${BLOCK_COLUMNS}`,
      [options.publicId, now],
    );
    if (!block) {
      const [existing] = await sql.query<{ status: string; newer: boolean }>(
        `SELECT status::text AS status, EXISTS (${NEWER_OPEN_BLOCK}) AS newer FROM block WHERE public_id = $1`,
        [options.publicId],
      );
      if (!existing) throw new AppError("NOT_FOUND", "No block has this id.");
      if (existing.status === "LIFTED" && existing.newer)
        throw new AppError(
          "CONFLICT",
          "A newer block for the same sender is in force already: this one cannot be put back beside it.",
        );
      throw new AppError(
        "CONFLICT",
        existing.status === "LIFTED"
          ? "This block's time has run out since it was lifted: there is nothing to put back in force."
          : `This block is ${existing.status.toLowerCase().replace("_", " ")}, not lifted: there is nothing to put back in force.`,
      );
    }
    const dto = toBlockDto(block, await findBlockUser(sql, block.smtpUserId));
    await enqueueWebhookEvent(sql, block.accountId, "block.reinstated", { block: dto }, now);
    return dto;
  });
}
