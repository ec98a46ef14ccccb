import "server-only";
import { inSqlTransaction, type TxOption } from "@/lib/data/sql-tx";
import { enqueueWebhookEvent } from "@/lib/data/webhooks/enqueue-webhook-event";
import { AppError } from "@/lib/errors";
import { assertActor, type BlockActor } from "./actor";
import { BLOCK_COLUMNS, toBlockDto, type BlockDto, type BlockRow } from "./block-dto";
import { applyAttempts } from "./escalation-policy";
import { insertEvent } from "./evidence-rows";
import { expireBlocks } from "./expire-block";
import { findBlockUser } from "./find-block";

export interface RecordAttemptsOptions {
  /** The report's public id. */
  publicId: string;
  /** How many messages the relay rejected since it last reported (at least 1). */
  count: number;
  actor: BlockActor;
  tx?: TxOption;
  now?: Date;
}

export interface RecordAttemptsResult {
  block: BlockDto;
  /** Levels gained by these attempts; 0 when the block did not escalate. */
  levelsGained: number;
}

/**
 * Counts messages the blocked sender kept sending, and escalates past the thresholds of
 * lib/data/blocks/escalation-policy.ts (level up, expiry extended, an ESCALATED event and
 * a `block.escalated` webhook). The row is locked while counting, so concurrent reports
 * add up exactly. Only open blocks count: a lifted or expired one is a CONFLICT (the
 * relay should accept the sender's mail again). Callers: the relay (API key).
 */
export async function recordAttempts(options: RecordAttemptsOptions): Promise<RecordAttemptsResult> {
  if (!Number.isInteger(options.count) || options.count < 1) throw new AppError("INVALID", "count: must be a positive integer", { field: "count" });
  const now = options.now ?? new Date();
  const result = await inSqlTransaction(options.tx, async (sql) => {
    await assertActor(sql, options.actor);
    const [block] = await sql.query<BlockRow>(`SELECT ${BLOCK_COLUMNS} FROM block WHERE public_id = $1 FOR UPDATE`, [options.publicId]);
    if (!block) throw new AppError("NOT_FOUND", "No block has this id.");
    if (block.status === "LIFTED" || block.status === "EXPIRED") {
      throw new AppError("CONFLICT", `This block is ${block.status.toLowerCase()}; the sender's mail is accepted again.`);
    }
    if (block.expiresAt !== null && block.expiresAt <= now) {
      await expireBlocks(sql, [block.id], now);
      return "expired" as const;
    }
    const outcome = applyAttempts(block, options.count, now);
    const [updated] = await sql.query<BlockRow>(
      `UPDATE block SET attempt_count = $2, escalation_level = $3, expires_at = $4, updated_at = $5 WHERE id = $1::uuid
       RETURNING ${BLOCK_COLUMNS}`,
      [block.id, outcome.attemptCount, outcome.escalationLevel, outcome.expiresAt, now],
    );
    const dto = toBlockDto(updated!, await findBlockUser(sql, block.smtpUserId));
    if (outcome.levelsGained > 0) {
      await insertEvent(sql, block, {
        type: "ESCALATED", actor: options.actor, now,
        data: { level: outcome.escalationLevel, previousLevel: block.escalationLevel, attempts: outcome.attemptCount, expiresAt: dto.expiresAt },
      });
      await enqueueWebhookEvent(sql, block.accountId, "block.escalated", { block: dto }, now);
    }
    return { block: dto, levelsGained: outcome.levelsGained };
  });
  // The expiry commits (with its event and webhook) before the caller hears about it.
  if (result === "expired") throw new AppError("CONFLICT", "This block has expired; the sender's mail is accepted again.");
  return result;
}
