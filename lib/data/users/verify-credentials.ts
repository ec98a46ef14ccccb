import "server-only";
import bcrypt from "bcryptjs";
import { isUuid } from "@/lib/data/ids";
import { getDb } from "@/lib/db/client";
import type { UserRole } from "@/lib/generated/prisma/enums";

export interface SignedInUser {
  id: string;
  email: string;
  name: string;
  role: UserRole;
  /** The account an OWNER belongs to; null for staff. */
  accountId: string | null;
  /** What a session token of this user must carry to be accepted (lib/data/users/sessions.ts). */
  sessionVersion: number;
}

const SIGNED_IN_FIELDS = {
  id: true,
  email: true,
  name: true,
  role: true,
  accountId: true,
  sessionVersion: true,
} as const;

// Compared against when no user has the address, so a wrong address costs as long as a
// wrong password and the timing does not tell which addresses exist.
const NO_USER_HASH = bcrypt.hashSync("no user has this address", 10);

/**
 * The user with this email and password, or null; a disabled user is null too. Anyone may
 * call it: callers go through lib/auth/sign-in.ts, which rate-limits it. Email is compared
 * case-insensitively.
 */
export async function verifyCredentials(email: string, password: string): Promise<SignedInUser | null> {
  const user = await getDb().user.findFirst({
    where: { email: { equals: email.trim(), mode: "insensitive" } },
    select: { ...SIGNED_IN_FIELDS, passwordHash: true, disabledAt: true },
  });
  const matches = await bcrypt.compare(password, user?.passwordHash ?? NO_USER_HASH);
  if (!user || !matches || user.disabledAt) return null;
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    accountId: user.accountId,
    sessionVersion: user.sessionVersion,
  };
}

/**
 * The user a session names, as the database has them now (a role changed since sign-in
 * takes effect at once), or null when the user is gone or disabled, or the session was
 * ended since it was issued (its version is not the user's). Callers: lib/auth, for every
 * signed-in request.
 */
export async function findSessionUser(id: string, sessionVersion: number): Promise<SignedInUser | null> {
  if (!isUuid(id) || !Number.isSafeInteger(sessionVersion)) return null;
  return getDb().user.findFirst({ where: { id, sessionVersion, disabledAt: null }, select: SIGNED_IN_FIELDS });
}
