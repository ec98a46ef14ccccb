import "server-only";
import type { SqlTx } from "@/lib/data/sql-tx";
import { enqueueWebhookEvent } from "@/lib/data/webhooks/enqueue-webhook-event";
import { BLOCK_COLUMNS, toBlockDto, type BlockRow, type SmtpUserRow } from "./block-dto";
import { insertEvent } from "./evidence-rows";

/*
 * Ending blocks at their expiry. ended_at is the expiry itself, not the moment the job
 * noticed, so the timeline says when mail was accepted again.
 */

/** Marks the given open, due blocks EXPIRED and records their events and webhooks. Returns the rows that changed. */
export async function expireBlocks(sql: SqlTx, blockIds: string[], now: Date): Promise<BlockRow[]> {
  if (blockIds.length === 0) return [];
  const expired = await sql.query<BlockRow>(
    `UPDATE block SET status = 'EXPIRED', ended_at = LEAST(expires_at, $2), updated_at = $2
     WHERE id = ANY($1::uuid[]) AND status IN ('ACTIVE', 'UNDER_REVIEW') AND expires_at <= $2
     RETURNING ${BLOCK_COLUMNS}`,
    [blockIds, now],
  );
  if (expired.length === 0) return [];
  const users = await sql.query<SmtpUserRow>(
    `SELECT id, username, external_id AS "externalId" FROM smtp_user WHERE id = ANY($1::uuid[])`,
    [[...new Set(expired.map((block) => block.smtpUserId))]],
  );
  const byId = new Map(users.map((user) => [user.id, user]));
  for (const block of expired) {
    await insertEvent(sql, block, {
      type: "EXPIRED",
      actor: { type: "SYSTEM" },
      now,
      data: { expiresAt: block.expiresAt?.toISOString() ?? null },
    });
    await enqueueWebhookEvent(
      sql,
      block.accountId,
      "block.expired",
      { block: toBlockDto(block, byId.get(block.smtpUserId)!) },
      now,
    );
  }
  return expired;
}
