import "server-only";
import { createHash, randomBytes } from "node:crypto";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { OneTimePurpose } from "@/lib/generated/prisma/enums";
import { getDb } from "@/lib/db/client";

/** What a one-time link's token looks like: 32 random bytes, base64url. */
export const ONE_TIME_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

const digestOf = (token: string) => new Uint8Array(createHash("sha256").update(token, "utf8").digest());

/*
 * One-time links for any purpose (a password reset; an invitation to the staff console; the
 * confirmation of an address added to an account's notifications, held by that address
 * rather than a login). The token goes into the mail only; the table keeps its SHA-256. A
 * link works once and only before it expires; issuing a new one for the same holder and
 * purpose retires the old.
 */

/** Who a link is for: a login (a password reset, an invitation), or a notification address (its confirmation). */
export type OneTimeLinkHolder = { userId: string; recipientId?: never } | { recipientId: string; userId?: never };

/** Issues a link in the caller's transaction (with the mail that carries it); returns the token. */
export async function issueOneTimeLink(
  tx: Prisma.TransactionClient,
  {
    purpose,
    minutes,
    now = new Date(),
    ...holder
  }: OneTimeLinkHolder & {
    purpose: OneTimePurpose;
    minutes: number;
    now?: Date;
  },
): Promise<string> {
  const owner = holder.userId !== undefined ? { userId: holder.userId } : { recipientId: holder.recipientId };
  await tx.oneTimeLink.updateMany({ where: { ...owner, purpose, usedAt: null }, data: { usedAt: now } });
  const token = randomBytes(32).toString("base64url");
  await tx.oneTimeLink.create({
    data: {
      purpose,
      ...owner,
      tokenDigest: digestOf(token),
      expiresAt: new Date(now.getTime() + minutes * 60_000),
      createdAt: now,
    },
  });
  return token;
}

/**
 * Retires every outstanding link of the user, whatever its purpose, in the caller's
 * transaction: a link stops working once its user's password is set by any path, or the
 * login is disabled (lib/data/users/sessions.ts). Marked used, as issuing a new link
 * retires the old one, so a link's row says when it stopped working.
 */
export async function retireOneTimeLinks(
  tx: Prisma.TransactionClient,
  userId: string,
  now = new Date(),
): Promise<void> {
  await tx.oneTimeLink.updateMany({ where: { userId, usedAt: null }, data: { usedAt: now } });
}

/**
 * Whether a token is a live link for the purpose, without using it (for the page a GET
 * shows). A disabled user's link is not: setting a password with it is refused.
 */
export async function isLiveOneTimeLink(token: string, purpose: OneTimePurpose, now = new Date()): Promise<boolean> {
  const where = liveOneTimeLinkWhere(token, purpose, now);
  if (!where) return false;
  const link = await getDb().oneTimeLink.findFirst({
    where: { ...where, user: { disabledAt: null } },
    select: { id: true },
  });
  return link !== null;
}

/**
 * The live link's where-clause for a token and purpose (unused, not expired), for a page a
 * GET shows without using the link; null when the token cannot be one.
 */
export function liveOneTimeLinkWhere(
  token: string,
  purpose: OneTimePurpose,
  now = new Date(),
): Prisma.OneTimeLinkWhereInput | null {
  if (!ONE_TIME_TOKEN_PATTERN.test(token)) return null;
  return { tokenDigest: digestOf(token), purpose, usedAt: null, expiresAt: { gt: now } };
}

/**
 * Uses a link: its holder, or null when it is unknown, used, expired or for another purpose.
 * One statement marks it used, so two uses at once cannot both succeed.
 */
export async function spendOneTimeLink(
  token: string,
  purpose: OneTimePurpose,
  db: Prisma.TransactionClient = getDb(),
  now = new Date(),
): Promise<{ userId: string | null; recipientId: string | null } | null> {
  const where = liveOneTimeLinkWhere(token, purpose, now);
  if (!where) return null;
  const used = await db.oneTimeLink.updateManyAndReturn({
    where,
    data: { usedAt: now },
    select: { userId: true, recipientId: true },
  });
  return used[0] ?? null;
}

/** Uses a login's link (a password reset, an invitation): the user it was issued to, or null (see spendOneTimeLink). */
export async function redeemOneTimeLink(
  token: string,
  purpose: OneTimePurpose,
  db: Prisma.TransactionClient = getDb(),
  now = new Date(),
): Promise<string | null> {
  return (await spendOneTimeLink(token, purpose, db, now))?.userId ?? null;
}
