import "server-only";
import { isUuid } from "@/lib/data/ids";
import { assertAdmin } from "@/lib/data/staff/roles";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { UserRole } from "@/lib/generated/prisma/enums";
import { recordStaffAudit } from "@/lib/data/staff/audit-log";
import { disableUser } from "./sessions";

export interface ManagedUser {
  id: string;
  email: string;
  name: string;
  role: UserRole;
  accountName: string | null;
  disabledAt: string | null;
  createdAt: string;
  /** Invited and not accepted yet: when, and until when the newest link works (null: none works now). */
  invitation: { invitedAt: string; linkExpiresAt: string | null } | null;
}

/** At most this many users are listed (staff first); the console is for a compliance team, not every account owner. */
export const USER_LIST_LIMIT = 500;
const STAFF_ROLE_CHOICES = ["STAFF", "ADMIN"] as const;

/** Every login: staff, admins, then account owners, each by email. Callers: the console's users page, for an ADMIN (checked here). */
export async function listUsers({ adminId }: { adminId: string }): Promise<ManagedUser[]> {
  await assertAdmin(getDb(), adminId, "Managing users is for admins.");
  const rows = await getDb().user.findMany({
    // The role enum's order: staff, admins, then owners.
    orderBy: [{ role: "asc" }, { email: "asc" }],
    take: USER_LIST_LIMIT,
    select: {
      id: true,
      email: true,
      name: true,
      role: true,
      disabledAt: true,
      createdAt: true,
      invitedAt: true,
      invitationAcceptedAt: true,
      account: { select: { name: true } },
      oneTimeLinks: {
        where: { purpose: "INVITATION", usedAt: null, expiresAt: { gt: new Date() } },
        orderBy: { expiresAt: "desc" },
        take: 1,
        select: { expiresAt: true },
      },
    },
  });
  return rows.map((row) => ({
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    accountName: row.account?.name ?? null,
    disabledAt: row.disabledAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    invitation:
      row.invitedAt && !row.invitationAcceptedAt
        ? {
            invitedAt: row.invitedAt.toISOString(),
            linkExpiresAt: row.oneTimeLinks[0]?.expiresAt.toISOString() ?? null,
          }
        : null,
  }));
}

async function target(adminId: string, userId: string) {
  await assertAdmin(getDb(), adminId, "Managing users is for admins.");
  const admin = await getDb().user.findUniqueOrThrow({ where: { id: adminId }, select: { email: true } });
  if (userId === adminId) throw new AppError("CONFLICT", "You cannot change your own login here: ask another admin.");
  const user = isUuid(userId)
    ? await getDb().user.findUnique({
        where: { id: userId },
        select: { id: true, email: true, role: true, disabledAt: true },
      })
    : null;
  if (!user) throw new AppError("NOT_FOUND", "No user has this id.");
  return { user, admin: { id: adminId, email: admin.email } };
}

/**
 * An admin makes a staff member an admin or back. Owners keep their role (they belong to an
 * account). It applies on the user's next request (every request reads the role).
 * Throws AppError INVALID (details.fieldErrors.role), FORBIDDEN, NOT_FOUND, CONFLICT (own login, an owner).
 */
export async function changeUserRole({
  adminId,
  userId,
  role,
  client = null,
}: {
  adminId: string;
  userId: string;
  role: string;
  client?: string | null;
}): Promise<{ email: string; role: UserRole }> {
  if (!(STAFF_ROLE_CHOICES as readonly string[]).includes(role))
    throw new AppError("INVALID", "Please check the highlighted fields.", {
      fieldErrors: { role: ["Choose staff or admin."] },
    });
  const { user, admin } = await target(adminId, userId);
  if (user.role === "OWNER")
    throw new AppError("CONFLICT", `${user.email} is an account owner: their role cannot be changed.`);
  await getDb().$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { role: role as UserRole } });
    await recordStaffAudit(tx, {
      actorId: admin.id,
      actorEmail: admin.email,
      action: "ROLE_CHANGED",
      target: user.email,
      client,
      data: { userId: user.id, detail: `${user.role.toLowerCase()} to ${role.toLowerCase()}` },
    });
  });
  return { email: user.email, role: role as UserRole };
}

/**
 * An admin disables a login (it cannot sign in, and every session of it is refused on its
 * next request: disableUser) or enables it again (a new sign-in is needed; old sessions stay
 * ended). Throws AppError FORBIDDEN, NOT_FOUND, CONFLICT (own login).
 */
export async function setUserDisabled({
  adminId,
  userId,
  disabled,
  client = null,
}: {
  adminId: string;
  userId: string;
  disabled: boolean;
  client?: string | null;
}): Promise<{ email: string }> {
  const { user, admin } = await target(adminId, userId);
  if (disabled) await disableUser(user.id);
  // Enabled again (perhaps for whoever holds the address now): the next single sign-on links
  // the login anew (lib/data/users/verify-credentials.ts linkSingleSignOnSubject).
  else
    await getDb().user.updateMany({
      where: { id: user.id },
      data: { disabledAt: null, ssoIssuer: null, ssoSubject: null },
    });
  await recordStaffAudit(getDb(), {
    actorId: admin.id,
    actorEmail: admin.email,
    action: disabled ? "USER_DISABLED" : "USER_ENABLED",
    target: user.email,
    client,
    data: { userId: user.id },
  });
  return { email: user.email };
}
