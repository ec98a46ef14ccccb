import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { getDb } from "@/lib/db/client";
import { lookupBlockByLink, type ReportLinkInput } from "@/lib/data/blocks/block-link";
import { recordReportLinkMiss } from "@/lib/data/reports/report-link-access";
import { AppError } from "@/lib/errors";
import { waitWords } from "./sender-limits";

export type SenderLink = ReportLinkInput;

/** Same words as the report page's 404: a wrong secret and an unknown id are indistinguishable. */
export const LINK_NOT_FOUND = "This report link is not valid. Open the link from your bounce message again.";

/** Same words as the report page's 429. */
export const LINK_MISSES_LIMITED = "Too many report links that did not match were opened from your network.";

/**
 * The block a report link opens (lookupBlockByLink), or NOT_FOUND. Callers pass the link from the
 * submitted form every time; nothing else from the form is trusted about the block.
 *
 * A link that matches nothing counts against `client` in the report page's own miss limit
 * (recordReportLinkMiss): posting guesses to the actions is no cheaper than opening them,
 * and once the limit is reached both answer RATE_LIMITED until the window ends.
 */
export async function findBlockByLink<Include extends Prisma.BlockInclude>(link: SenderLink, client: string, include: Include, db: Prisma.TransactionClient = getDb()) {
  const block = await lookupBlockByLink(link, include, db);
  if (block) return block;
  const miss = await recordReportLinkMiss(client);
  if (miss.limited) {
    throw new AppError("RATE_LIMITED", `${LINK_MISSES_LIMITED} Please wait ${waitWords(miss.retryAfterSeconds)}, then open the link from your bounce message again.`, {
      retryAfterSeconds: miss.retryAfterSeconds,
    });
  }
  throw new AppError("NOT_FOUND", LINK_NOT_FOUND);
}
