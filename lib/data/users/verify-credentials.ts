import "server-only";
import bcrypt from "bcryptjs";
import { isUuid } from "@/lib/data/ids";
import { getDb } from "@/lib/db/client";
import { equalsIgnoringCase } from "@/lib/db/text-filters";
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
 * The user with this email and password, or null; a disabled user, and one without a
 * password (invited, not accepted yet), is null too. Anyone may
 * call it: callers go through lib/auth/sign-in.ts, which rate-limits it. Email is compared
 * case-insensitively.
 */
export async function verifyCredentials(email: string, password: string): Promise<SignedInUser | null> {
  const user = await getDb().user.findFirst({
    where: { email: equalsIgnoringCase(email.trim()) },
    select: { ...SIGNED_IN_FIELDS, passwordHash: true, disabledAt: true },
  });
  const matches = await bcrypt.compare(password, user?.passwordHash ?? NO_USER_HASH);
  // No password (an invitation not accepted yet): nothing matches, not even NO_USER_HASH's text.
  if (!user?.passwordHash || !matches || user.disabledAt) return null;
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

/**
 * The login an email address belongs to, for single sign-on (the provider proved the
 * address; lib/auth/sign-in.ts decides whether this login may sign in that way): whether it
 * is disabled, and whether it is an invitation not accepted yet. Null when no login uses the
 * address. The address is taken as given (not trimmed), ignoring only the case of ASCII
 * letters. Callers: lib/auth/sign-in.ts, which checks the address and rate-limits it.
 */
export async function findLoginByEmail(
  email: string,
): Promise<{ user: SignedInUser; disabled: boolean; invitationPending: boolean } | null> {
  const row = await getDb().user.findFirst({
    where: { email: equalsIgnoringCase(email) },
    select: { ...SIGNED_IN_FIELDS, disabledAt: true, invitedAt: true, invitationAcceptedAt: true },
  });
  if (!row) return null;
  const { disabledAt, invitedAt, invitationAcceptedAt, ...user } = row;
  return {
    user,
    disabled: disabledAt !== null,
    invitationPending: invitedAt !== null && invitationAcceptedAt === null,
  };
}
