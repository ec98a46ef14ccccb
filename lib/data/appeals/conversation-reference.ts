import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";

/**
 * The one reference the sender quotes for everything about a block: the reference of its
 * first review request or case (the report statement computes the same). Callers: the data
 * layer, inside its transaction, after writing what may be the block's first.
 */
export async function conversationReferenceOf(
  tx: Prisma.TransactionClient,
  blockId: string,
  fallback: string,
): Promise<string> {
  const first = {
    where: { blockId },
    orderBy: [{ createdAt: "asc" as const }, { id: "asc" as const }],
    select: { reference: true, createdAt: true, id: true },
  };
  // One after the other: a transaction is one connection, which runs one query at a time
  // (pg warns about queries queued on a busy client, and pg 9 refuses them).
  const appeal = await tx.appeal.findFirst(first);
  const complianceCase = await tx.complianceCase.findFirst(first);
  const earliest = [appeal, complianceCase]
    .filter((row) => row !== null)
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))[0];
  return earliest?.reference ?? fallback;
}
