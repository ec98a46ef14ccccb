import "server-only";
import bcrypt from "bcryptjs";
import { PASSWORD_MAX_BYTES, passwordBytes } from "@/lib/auth/password-form";
import { isUuid } from "@/lib/data/ids";
import { getDb } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { retireOneTimeLinks } from "./one-time-links";

/*
 * A session token is accepted only while it carries its user's current session version
 * (findSessionUser). Each function here moves the version on, so every session the user
 * has — in any browser — is refused on its next request. The caller has authorised the
 * change (the user themselves, or an administrator).
 */

/** Ends every session of the user at once (sign-out does this). An unknown id changes nothing. */
export async function endAllSessions(userId: string): Promise<void> {
  if (!isUuid(userId)) return;
  await getDb().user.updateMany({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } });
}

/**
 * A password's stored form (bcrypt); hash before opening a transaction, so none is held open
 * during it. bcrypt reads only the first 72 bytes: a longer password is refused (a thrown
 * error; the forms refuse it first, lib/auth/password-form.ts), never stored truncated.
 */
export async function hashPassword(password: string): Promise<string> {
  const bytes = passwordBytes(password);
  if (bytes > PASSWORD_MAX_BYTES)
    throw new Error(
      `A password over ${PASSWORD_MAX_BYTES} bytes (this one is ${bytes}) cannot be hashed whole by bcrypt.`,
    );
  return bcrypt.hash(password, 10);
}

/**
 * Sets a new password hash in the caller's transaction, if the user exists and is not
 * disabled: every session of the user ends, every outstanding one-time link (a reset
 * link mailed earlier) stops working and every device cookie stops being trusted
 * (lib/auth/device-cookie.ts), in the same transaction, so no path that sets a password
 * leaves an older way in. Returns whether the password was set.
 */
export async function storePassword(
  tx: Prisma.TransactionClient,
  userId: string,
  passwordHash: string,
  now = new Date(),
): Promise<boolean> {
  if (!isUuid(userId)) return false;
  const changed = await tx.user.updateMany({
    where: { id: userId, disabledAt: null },
    data: { passwordHash, sessionVersion: { increment: 1 }, deviceVersion: { increment: 1 } },
  });
  if (changed.count !== 1) return false;
  await retireOneTimeLinks(tx, userId, now);
  return true;
}

/**
 * Sets a new password and ends every session of the user (a new session needs the new
 * password); every outstanding reset link stops working. Returns false, changing nothing,
 * for an unknown or disabled user.
 */
export async function changePassword(userId: string, newPassword: string): Promise<boolean> {
  if (!isUuid(userId)) return false;
  const passwordHash = await hashPassword(newPassword);
  return getDb().$transaction((tx) => storePassword(tx, userId, passwordHash));
}

/**
 * Disables the user: they cannot sign in, every session of theirs ends, every outstanding
 * one-time link (reset or invitation) stops working, every device cookie stops being
 * trusted, the data layer no longer lets them act as staff, and their claims on review
 * requests and cases are released; enabling them again brings none of it back. The row stays
 * (decisions and events name it).
 */
export async function disableUser(userId: string): Promise<void> {
  if (!isUuid(userId)) return;
  const now = new Date();
  await getDb().$transaction(async (tx) => {
    await tx.user.updateMany({
      where: { id: userId, disabledAt: null },
      data: { disabledAt: now, sessionVersion: { increment: 1 }, deviceVersion: { increment: 1 } },
    });
    await retireOneTimeLinks(tx, userId, now);
    // Its claims are given up: a disabled login cannot decide what it holds, and its claim
    // would keep every other reviewer off the item until it lapsed.
    const released = { claimedById: null, claimedAt: null, claimActiveAt: null };
    await tx.appeal.updateMany({ where: { claimedById: userId }, data: released });
    await tx.complianceCase.updateMany({ where: { claimedById: userId }, data: released });
  });
}
