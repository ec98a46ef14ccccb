import "server-only";
import { enqueueWebhookEvent } from "@/lib/data/webhooks/enqueue-webhook-event";
import { Prisma } from "@/lib/generated/prisma/client";
import { BLOCK_COLUMNS, toBlockDto, type BlockRow, type SmtpUserRow } from "./block-dto";
import type { Tx } from "./transaction";

/*
 * Ending a block at its expiry. ended_at is the expiry itself, not the moment the job
 * noticed, so the timeline says when mail was accepted again.
 */

/** Marks the given open, due blocks EXPIRED and records their events and webhooks. Returns the rows that changed. */
export async function expireBlocks(tx: Tx, blockIds: string[], now: Date): Promise<BlockRow[]> {
  if (blockIds.length === 0) return [];
  const expired = await tx.$queryRaw<BlockRow[]>`
    UPDATE block SET status = 'EXPIRED', ended_at = LEAST(expires_at, ${now}), updated_at = ${now}
    WHERE id = ANY(${blockIds}::uuid[]) AND status IN ('ACTIVE', 'UNDER_REVIEW') AND expires_at <= ${now}
    RETURNING ${Prisma.raw(BLOCK_COLUMNS)}`;
  if (expired.length === 0) return [];
  await tx.event.createMany({
    data: expired.map((block) => ({
      blockId: block.id, accountId: block.accountId, type: "EXPIRED" as const, actorType: "SYSTEM" as const,
      data: { expiresAt: block.expiresAt?.toISOString() ?? null }, createdAt: now,
    })),
  });
  const users = await tx.smtpUser.findMany({
    where: { id: { in: [...new Set(expired.map((block) => block.smtpUserId))] } },
    select: { id: true, username: true, externalId: true },
  });
  const byId = new Map<string, SmtpUserRow>(users.map((user) => [user.id, user]));
  for (const block of expired) {
    const dto = toBlockDto(block, byId.get(block.smtpUserId)!);
    await enqueueWebhookEvent(tx, block.accountId, "block.expired", { block: { ...dto } }, now);
  }
  return expired;
}

