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
}

// Compared against when no user has the address, so a wrong address costs as long as a
// wrong password and the timing does not tell which addresses exist.
const NO_USER_HASH = bcrypt.hashSync("no user has this address", 10);

/**
 * The user with this email and password, or null. Anyone may call it (it is the sign-in);
 * callers rate-limit it. Email is compared case-insensitively.
 */
export async function verifyCredentials(email: string, password: string): Promise<SignedInUser | null> {
  const user = await getDb().user.findFirst({
    where: { email: { equals: email.trim(), mode: "insensitive" } },
    select: { id: true, email: true, name: true, role: true, accountId: true, passwordHash: true },
  });
  const matches = await bcrypt.compare(password, user?.passwordHash ?? NO_USER_HASH);
  if (!user || !matches) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role, accountId: user.accountId };
}

/**
 * The user a session names, as the database has them now (a role changed or a user
 * removed since sign-in takes effect at once). Callers: lib/auth, for every signed-in request.
 */
export async function findSessionUser(id: string): Promise<SignedInUser | null> {
  if (!isUuid(id)) return null;
  return getDb().user.findUnique({ where: { id }, select: { id: true, email: true, name: true, role: true, accountId: true } });
}
