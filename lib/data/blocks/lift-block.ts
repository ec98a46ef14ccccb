import "server-only";
import { inSqlTransaction, type TxOption } from "@/lib/data/sql-tx";
import { enqueueWebhookEvent } from "@/lib/data/webhooks/enqueue-webhook-event";
import { AppError } from "@/lib/errors";
import { assertActor, type BlockActor } from "./actor";
import { BLOCK_COLUMNS, toBlockDto, type BlockDto, type BlockRow } from "./block-dto";
import { insertEvent } from "./evidence-rows";
import { findBlockUser } from "./find-block";
import { isStorableText, UNSTORABLE_TEXT_MESSAGE } from "./storable-text";

export interface LiftBlockOptions {
  /** The report's public id. */
  publicId: string;
  /** Why the block ends; shown on the report and in the timeline. */
  reason: string;
  actor: BlockActor;
  /** A Prisma transaction to lift within (e.g. together with an appeal decision). */
  tx?: TxOption;
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
  return inSqlTransaction(options.tx, async (sql) => {
    await assertActor(sql, options.actor);
    const [lifted] = await sql.query<BlockRow>(
      `UPDATE block SET status = 'LIFTED', lift_reason = $2, ended_at = $3, updated_at = $3
       WHERE public_id = $1 AND status IN ('ACTIVE', 'UNDER_REVIEW')
       RETURNING ${BLOCK_COLUMNS}`,
      [options.publicId, reason, now],
    );
    if (!lifted) {
      const [existing] = await sql.query<{ status: string }>(
        "SELECT status::text AS status FROM block WHERE public_id = $1",
        [options.publicId],
      );
      if (!existing) throw new AppError("NOT_FOUND", "No block has this id.");
      throw new AppError("CONFLICT", `This block is already ${existing.status.toLowerCase()}.`);
    }
    await insertEvent(sql, lifted, { type: "LIFTED", actor: options.actor, now, data: { reason } });
    const dto = toBlockDto(lifted, await findBlockUser(sql, lifted.smtpUserId));
    await enqueueWebhookEvent(sql, lifted.accountId, "block.lifted", { block: dto }, now);
    return dto;
  });
}
