import "server-only";
import bcrypt from "bcryptjs";
import { isUniqueViolation } from "@/lib/data/appeals/unique-violation";
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

/** Who the provider says signed in, as it stays the same for them: its issuer and their `sub`. */
export interface SingleSignOnSubject {
  issuer: string;
  subject: string;
}

/**
 * Links a login to the single sign-on identity signing in to it, the first time (trust on
 * first use, by the verified address lib/auth/sign-in.ts matched), and from then on accepts
 * only that identity: true when the login is now this identity's. False, and nothing
 * changed, when the login is linked to another identity of the same provider (the address
 * went to someone else there), or when this identity is already linked to another login (the
 * person's address changed at the provider). A login linked at another issuer (OIDC_ISSUER
 * changed) links anew. An admin enabling a disabled login clears its link
 * (lib/data/users/manage-users.ts). Callers: lib/auth/sign-in.ts, after its checks.
 */
export async function linkSingleSignOnSubject(userId: string, identity: SingleSignOnSubject): Promise<boolean> {
  if (!isUuid(userId) || !identity.issuer || !identity.subject) return false;
  try {
    const { count } = await getDb().user.updateMany({
      where: {
        id: userId,
        OR: [
          { ssoSubject: null },
          { ssoIssuer: { not: identity.issuer } },
          { ssoIssuer: identity.issuer, ssoSubject: identity.subject },
        ],
      },
      data: { ssoIssuer: identity.issuer, ssoSubject: identity.subject },
    });
    return count === 1;
  } catch (error) {
    if (isUniqueViolation(error, "app_user_sso_identity_idx")) return false;
    throw error;
  }
}
