import "server-only";
import { createHash, randomBytes } from "node:crypto";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { OneTimePurpose } from "@/lib/generated/prisma/enums";
import { getDb } from "@/lib/db/client";

/** What a one-time link's token looks like: 32 random bytes, base64url. */
export const ONE_TIME_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

const digestOf = (token: string) => new Uint8Array(createHash("sha256").update(token, "utf8").digest());

/*
 * One-time links for any purpose (a password reset; an invitation to the staff console).
 * The token goes into the mail only; the table keeps its SHA-256. A link works once and
 * only before it expires; issuing a new one for the same user and purpose retires the old.
 */

/** Issues a link in the caller's transaction (with the mail that carries it); returns the token. */
export async function issueOneTimeLink(
  tx: Prisma.TransactionClient,
  {
    userId,
    purpose,
    minutes,
    now = new Date(),
  }: {
    userId: string;
    purpose: OneTimePurpose;
    minutes: number;
    now?: Date;
  },
): Promise<string> {
  await tx.oneTimeLink.updateMany({ where: { userId, purpose, usedAt: null }, data: { usedAt: now } });
  const token = randomBytes(32).toString("base64url");
  await tx.oneTimeLink.create({
    data: {
      purpose,
      userId,
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
  if (!ONE_TIME_TOKEN_PATTERN.test(token)) return false;
  const link = await getDb().oneTimeLink.findFirst({
    where: { tokenDigest: digestOf(token), purpose, usedAt: null, expiresAt: { gt: now }, user: { disabledAt: null } },
    select: { id: true },
  });
  return link !== null;
}

/**
 * Uses a link: the user it was issued to, or null when it is unknown, used, expired or for
 * another purpose. One statement marks it used, so two uses at once cannot both succeed.
 */
export async function redeemOneTimeLink(
  token: string,
  purpose: OneTimePurpose,
  db: Prisma.TransactionClient = getDb(),
  now = new Date(),
): Promise<string | null> {
  if (!ONE_TIME_TOKEN_PATTERN.test(token)) return null;
  const digest = digestOf(token);
  const used = await db.oneTimeLink.updateManyAndReturn({
    where: { tokenDigest: digest, purpose, usedAt: null, expiresAt: { gt: now } },
    data: { usedAt: now },
    select: { userId: true },
  });
  return used[0]?.userId ?? null;
}
