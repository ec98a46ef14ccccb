import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { digestSecret, isWellFormedLink } from "@/lib/report-link";

export interface SenderLink {
  publicId: string;
  secret: string;
}

/** Same words as the report page's 404: a wrong secret and an unknown id are indistinguishable. */
export const LINK_NOT_FOUND = "This report link is not valid. Open the link from your bounce message again.";

/**
 * The block a report link opens, or NOT_FOUND. The secret is looked up by its digest (it is
 * never stored), and both halves must match the same row. Callers pass the link from the
 * submitted form every time; nothing else from the form is trusted about the block.
 */
export async function findBlockByLink<Include extends Prisma.BlockInclude>(link: SenderLink, include: Include, db: Prisma.TransactionClient = getDb()) {
  if (!isWellFormedLink(link.publicId, link.secret)) throw new AppError("NOT_FOUND", LINK_NOT_FOUND);
  const block = await db.block.findFirst({ where: { publicId: link.publicId, secretDigest: digestSecret(link.secret) }, include });
  if (!block) throw new AppError("NOT_FOUND", LINK_NOT_FOUND);
  return block;
}
