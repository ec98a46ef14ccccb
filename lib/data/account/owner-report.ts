import "server-only";
import { reportWithRecords, type StaffReport } from "@/lib/data/staff/staff-report";
import { getDb, Prisma } from "@/lib/db/client";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { buildReportUrl, PUBLIC_ID_PATTERN } from "@/lib/report-link";
import { currentReportLink, newLinkSecret, type CurrentReportLink } from "@/lib/data/blocks/report-links";
import { isUniqueViolation } from "@/lib/data/appeals/unique-violation";
import { NOT_YOURS, ownerScope } from "./scope";

/** A report as its account owner sees it: what the sender sees, plus the review requests and cases in full. */
export type OwnerReport = StaffReport;

/** An owner's request about one report of their account: who asks, which report, at what time. */
interface OwnerReportRequest {
  ownerId: string;
  publicId: string;
  now?: Date;
}

/** The owner's account (ownerScope), once `publicId` is well-formed: a malformed one is NOT_FOUND like another account's. */
async function ownerAccount(ownerId: string, publicId: string): Promise<string> {
  if (!PUBLIC_ID_PATTERN.test(publicId)) throw new AppError("NOT_FOUND", NOT_YOURS);
  return (await ownerScope(ownerId)).accountId;
}

/**
 * One report of the owner's account: the same report the sender sees (no secret needed),
 * every review request with its answers and decision, every case with its messages.
 * Reviewers' names, their closing notes and internal notes stay with compliance. Callers: the owner
 * portal, for an OWNER; another account's report is NOT_FOUND, like an unknown id.
 */
export async function getOwnerReport({
  ownerId,
  publicId,
  now = new Date(),
}: OwnerReportRequest): Promise<OwnerReport> {
  const accountId = await ownerAccount(ownerId, publicId);
  const record = await reportWithRecords(
    Prisma.sql`b.public_id = ${publicId} AND b.account_id = ${accountId}::uuid`,
    publicId,
    now,
    { withInternalNotes: false },
  ).catch((error: unknown) => {
    throw error instanceof AppError && error.code === "NOT_FOUND" ? new AppError("NOT_FOUND", NOT_YOURS) : error;
  });
  return {
    ...record,
    appeals: record.appeals.map((appeal) => ({ ...appeal, decidedBy: null })),
    cases: record.cases.map((kase) => ({
      ...kase,
      closingNote: null,
      messages: kase.messages.map((message) => ({ ...message, by: null })),
    })),
  };
}

/**
 * The report's current link, as the bounce gave it to the sender (said again from the
 * sealed secret), for the owner to copy; `url` is null, with the reason, for a link the
 * server cannot say again. Callers: the owner portal, for an OWNER of the block's account;
 * anything else is NOT_FOUND.
 */
export async function getOwnerReportLink({ ownerId, publicId }: OwnerReportRequest): Promise<CurrentReportLink> {
  const accountId = await ownerAccount(ownerId, publicId);
  const block = await getDb().block.findFirst({ where: { publicId, accountId }, select: { secretSealed: true } });
  if (!block) throw new AppError("NOT_FOUND", NOT_YOURS);
  return currentReportLink(publicId, block.secretSealed);
}

/**
 * Whether `publicId` names a block of the owner's account: the proxy asks before the report's
 * page renders, so that another account's report (or no report) is answered with the
 * portal's 404 page (lib/auth/area-not-found.ts). The page itself checks again.
 */
export async function isOwnersBlock({ ownerId, publicId }: OwnerReportRequest): Promise<boolean> {
  if (!PUBLIC_ID_PATTERN.test(publicId)) return false;
  const { accountId } = await ownerScope(ownerId).catch(() => ({ accountId: null }));
  return accountId !== null && (await getDb().block.count({ where: { publicId, accountId } })) > 0;
}

export interface RotatedLink {
  publicId: string;
  /** The new link with its secret: shown once, never stored (only its digest is). */
  url: string;
}

/**
 * Replaces a report's link: a new secret is drawn, the old one's digest is retired (its
 * link answers 410 Gone from then on) and LINK_ROTATED is recorded with the owner as the
 * actor, in one transaction. Callers: the owner portal, for an OWNER of the block's
 * account; anything else is NOT_FOUND. Two rotations at once: the second gets CONFLICT.
 */
export async function rotateReportLink({
  ownerId,
  publicId,
  now = new Date(),
}: OwnerReportRequest): Promise<RotatedLink> {
  const accountId = await ownerAccount(ownerId, publicId);
  // Sealed like every link, so the relay's status check and the policy service say the new one.
  const link = newLinkSecret(publicId);
  try {
    await getDb().$transaction(async (tx) => {
      const block = await tx.block.findFirst({
        where: { publicId, accountId },
        select: { id: true, secretDigest: true },
      });
      if (!block) throw new AppError("NOT_FOUND", NOT_YOURS);
      await tx.retiredSecret.create({
        data: { secretDigest: block.secretDigest, blockId: block.id, accountId, retiredAt: now },
      });
      // Guarded by the digest just read: a rotation that committed in between makes this one fail.
      const moved = await tx.block.updateMany({
        where: { id: block.id, secretDigest: block.secretDigest },
        data: { secretDigest: link.digest, secretSealed: link.sealed, updatedAt: now },
      });
      if (moved.count !== 1)
        throw new AppError("CONFLICT", "This link was just replaced by someone else. Reload the page.");
      await tx.event.create({
        data: {
          blockId: block.id,
          accountId,
          type: "LINK_ROTATED",
          actorType: "OWNER",
          actorId: ownerId,
          createdAt: now,
        },
      });
    });
  } catch (error) {
    if (isUniqueViolation(error, "retired_secret_pkey"))
      throw new AppError("CONFLICT", "This link was just replaced by someone else. Reload the page.");
    throw error;
  }
  return { publicId, url: buildReportUrl(env.PUBLIC_BASE_URL, publicId, link.secret) };
}
