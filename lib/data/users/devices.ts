import "server-only";
import { isUuid } from "@/lib/data/ids";
import { getDb } from "@/lib/db/client";
import { equalsIgnoringCase } from "@/lib/db/text-filters";

/*
 * What a device cookie (lib/auth/device-cookie.ts) is checked against: the login's id and
 * its device version. Nothing per device is stored: the cookie is HMAC'd, and the version
 * moves on when a password is set by any path or the login is disabled
 * (lib/data/users/sessions.ts, invitations.ts), which retires every cookie issued before.
 */

/**
 * The login an email address belongs to, as a device cookie names it; null when no login
 * uses the address or it is disabled. Callers: lib/auth/device-cookie.ts trustedDeviceFor, for
 * sign-in, only for a cookie whose HMAC holds (so before the per-client limit, but never for a
 * forged cookie).
 */
export async function findDeviceLogin(email: string): Promise<{ id: string; deviceVersion: number } | null> {
  return getDb().user.findFirst({
    where: { email: equalsIgnoringCase(email.trim()), disabledAt: null },
    select: { id: true, deviceVersion: true },
  });
}

/** The user's device version now; null for an unknown or disabled user. Callers: lib/auth (after a sign-in). */
export async function deviceVersionOf(userId: string): Promise<number | null> {
  if (!isUuid(userId)) return null;
  const row = await getDb().user.findFirst({
    where: { id: userId, disabledAt: null },
    select: { deviceVersion: true },
  });
  return row?.deviceVersion ?? null;
}
