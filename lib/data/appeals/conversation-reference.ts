import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";

/**
 * The one reference the sender quotes for everything about a block: the reference of its
 * first review request or case (the report statement computes the same). Callers: the data
 * layer, inside its transaction, after writing what may be the block's first.
 */
export async function conversationReferenceOf(tx: Prisma.TransactionClient, blockId: string, fallback: string): Promise<string> {
  const [row] = await tx.$queryRaw<{ reference: string }[]>`
    SELECT reference FROM (
      SELECT reference, created_at, id FROM appeal WHERE block_id = ${blockId}::uuid
      UNION ALL
      SELECT reference, created_at, id FROM compliance_case WHERE block_id = ${blockId}::uuid) r
    ORDER BY created_at, id LIMIT 1`;
  return row?.reference ?? fallback;
}
