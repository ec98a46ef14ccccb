import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { getDb } from "@/lib/db/client";
import { lookupBlockByLink, type ReportLinkInput } from "@/lib/data/blocks/block-link";
import { isUuid } from "@/lib/data/ids";
import { recordReportLinkMiss } from "@/lib/reports/data/report-link-access";
import { AppError } from "@/lib/errors";
import { PUBLIC_ID_PATTERN } from "@/lib/report-link";
import { waitWords } from "./sender-limits";

export type SenderLink = ReportLinkInput;

/** The account owner acting on one of their account's reports (the portal at /account), by the session's user id. */
export interface OwnerAccess {
  ownerId: string;
  publicId: string;
}

/** Who may act on a report as its sender: whoever holds the link, or the owner of the block's account. */
export type ReportAccess = SenderLink | OwnerAccess;

export const isOwnerAccess = (access: ReportAccess): access is OwnerAccess => "ownerId" in access;

/** How events and messages record who acted: the sender (anonymous, the link) or the account owner (by user id). */
export const actorOf = (access: ReportAccess) =>
  isOwnerAccess(access) ? { actorType: "OWNER" as const, actorId: access.ownerId } : { actorType: "SENDER" as const };

/** Same words as the report page's 404: a wrong secret and an unknown id are indistinguishable. */
export const LINK_NOT_FOUND = "This report link is not valid. Open the link from your bounce message again.";

/** Same words as the report page's 429. */
export const LINK_MISSES_LIMITED = "Too many report links that did not match were opened from your network.";
const OWNER_NOT_FOUND = "No report with this id belongs to your account.";

/**
 * The block a report link opens (lookupBlockByLink), or NOT_FOUND. Callers pass the link from the
 * submitted form every time; nothing else from the form is trusted about the block.
 *
 * A link that matches nothing counts against `client` in the report page's own miss limit
 * (recordReportLinkMiss): posting guesses to the actions is no cheaper than opening them,
 * and once the limit is reached both answer RATE_LIMITED until the window ends.
 * For an owner, the block must belong to the account of that OWNER user, in the same
 * query; another account's block is NOT_FOUND, like one that does not exist (an owner is
 * signed in: their misses are not guesses at a capability).
 */
export async function findBlockByLink<Include extends Prisma.BlockInclude>(
  access: ReportAccess,
  client: string,
  include: Include,
  db: Prisma.TransactionClient = getDb(),
) {
  if (isOwnerAccess(access)) {
    if (!isUuid(access.ownerId) || !PUBLIC_ID_PATTERN.test(access.publicId))
      throw new AppError("NOT_FOUND", OWNER_NOT_FOUND);
    const owned = await db.block.findFirst({
      where: {
        publicId: access.publicId,
        account: { users: { some: { id: access.ownerId, role: "OWNER", disabledAt: null } } },
      },
      include,
    });
    if (!owned) throw new AppError("NOT_FOUND", OWNER_NOT_FOUND);
    return owned;
  }
  const link = access;
  const block = await lookupBlockByLink(link, include, db);
  if (block) return block;
  const miss = await recordReportLinkMiss(client);
  if (miss.limited) {
    throw new AppError(
      "RATE_LIMITED",
      `${LINK_MISSES_LIMITED} Please wait ${waitWords(miss.retryAfterSeconds)}, then open the link from your bounce message again.`,
      {
        retryAfterSeconds: miss.retryAfterSeconds,
      },
    );
  }
  throw new AppError("NOT_FOUND", LINK_NOT_FOUND);
}
