import "server-only";
import bcrypt from "bcryptjs";
import { isUuid } from "@/lib/data/ids";
import { getDb } from "@/lib/db/client";

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

/** Sets a new password and ends every session of the user; a new session needs the new password. */
export async function changePassword(userId: string, newPassword: string): Promise<void> {
  if (!isUuid(userId)) return;
  const passwordHash = await bcrypt.hash(newPassword, 10);
  await getDb().user.updateMany({ where: { id: userId }, data: { passwordHash, sessionVersion: { increment: 1 } } });
}

/**
 * Disables the user: they cannot sign in, every session of theirs ends, and the data
 * layer no longer lets them act as staff. The row stays (decisions and events name it).
 */
export async function disableUser(userId: string): Promise<void> {
  if (!isUuid(userId)) return;
  await getDb().user.updateMany({
    where: { id: userId, disabledAt: null },
    data: { disabledAt: new Date(), sessionVersion: { increment: 1 } },
  });
}
