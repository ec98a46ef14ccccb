import "server-only";
import type { Tx } from "@/lib/data/transaction";
import { enqueueWebhookEvent } from "@/lib/data/webhooks/enqueue-webhook-event";
import { BLOCK_WITH_USER_SELECT, blockWithUserToDto, type BlockRow } from "./block-dto";
import { insertEvents } from "./evidence-rows";

/*
 * Ending blocks at their expiry. ended_at is the expiry itself, not the moment the job
 * noticed, so the timeline says when mail was accepted again.
 */

const OPEN = ["ACTIVE", "UNDER_REVIEW"] as const;

/**
 * Marks the given open, due blocks EXPIRED and records their events and webhooks. Returns
 * the rows that changed. The caller holds the blocks' row locks (FOR UPDATE), so what is
 * read here is what is updated.
 */
export async function expireBlocks(db: Tx, blockIds: string[], now: Date): Promise<BlockRow[]> {
  if (blockIds.length === 0) return [];
  const due = await db.block.findMany({
    where: { id: { in: blockIds }, status: { in: [...OPEN] }, expiresAt: { lte: now } },
    select: BLOCK_WITH_USER_SELECT,
  });
  if (due.length === 0) return [];
  // ended_at = expires_at: one update per distinct expiry (a batch shares few).
  const byExpiry = new Map<number, typeof due>();
  for (const block of due) {
    const expiry = block.expiresAt!.getTime();
    byExpiry.set(expiry, [...(byExpiry.get(expiry) ?? []), block]);
  }
  for (const [expiry, blocks] of byExpiry) {
    await db.block.updateMany({
      where: { id: { in: blocks.map((block) => block.id) }, status: { in: [...OPEN] } },
      data: { status: "EXPIRED", endedAt: new Date(expiry), updatedAt: now },
    });
  }
  const expired = due.map((block) => ({
    ...block,
    status: "EXPIRED" as const,
    endedAt: block.expiresAt,
    updatedAt: now,
  }));
  await insertEvents(
    db,
    expired.map((block) => ({
      block,
      event: {
        type: "EXPIRED",
        actor: { type: "SYSTEM" },
        now,
        data: { expiresAt: block.expiresAt?.toISOString() ?? null },
      },
    })),
  );
  for (const block of expired)
    await enqueueWebhookEvent(db, block.accountId, "block.expired", { block: blockWithUserToDto(block) }, now);
  return expired;
}
