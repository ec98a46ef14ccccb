import "server-only";
import { inviteFormSchema } from "@/lib/auth/invite-form";
import { resetPasswordSchema } from "@/lib/auth/password-form";
import { enqueueMail } from "@/lib/data/appeals/enqueue-mail";
import { isUniqueViolation } from "@/lib/data/appeals/unique-violation";
import { isUuid } from "@/lib/data/ids";
import { recordStaffAudit } from "@/lib/data/staff/audit-log";
import { assertAdmin } from "@/lib/data/staff/roles";
import { z } from "zod";
import { getDb, Prisma } from "@/lib/db/client";
import { queryRows } from "@/lib/db/sql";
import { equalsIgnoringCase } from "@/lib/db/text-filters";
import { AppError } from "@/lib/errors";
import { fieldErrorsOf } from "@/lib/forms/field-errors";
import type { UserRole } from "@/lib/generated/prisma/enums";
import { clientLimitKey } from "@/lib/data/rate-limit";
import { issueOneTimeLink, liveOneTimeLinkWhere, redeemOneTimeLink, retireOneTimeLinks } from "./one-time-links";
import { hashPassword } from "./sessions";
import { limitPasswordAttempts, PENDING_INVITATION as PENDING } from "./passwords";
import type { SignedInUser } from "./verify-credentials";

/** How long an invitation's link works. */
export const INVITATION_DAYS = 7;
/** At most this many accounts are offered for an owner's invitation, by name. */
export const ACCOUNT_CHOICE_LIMIT = 1000;

const REFUSAL = "Managing users is for admins.";
const CHECK_FIELDS = "Please check the highlighted fields.";
export const LINK_UNUSABLE_INVITATION =
  "This invitation link has expired, was already used, or the invitation was withdrawn. Ask the admin who invited you to send it again.";
const TAKEN = "A login already uses this address. Find it in the list below, or invite another address.";

type Tx = Prisma.TransactionClient;

async function adminOf(db: Tx, adminId: string): Promise<{ id: string; email: string }> {
  await assertAdmin(db, adminId, REFUSAL);
  return db.user.findUniqueOrThrow({ where: { id: adminId }, select: { id: true, email: true } });
}

/** The accounts an owner may be invited to, by name. Callers: the users page, for an ADMIN (checked here). */
export async function listInvitableAccounts({ adminId }: { adminId: string }): Promise<{ id: string; name: string }[]> {
  await assertAdmin(getDb(), adminId, REFUSAL);
  return getDb().account.findMany({
    orderBy: [{ name: "asc" }, { id: "asc" }],
    take: ACCOUNT_CHOICE_LIMIT,
    select: { id: true, name: true },
  });
}

/** Issues a fresh link (retiring the previous one) and queues its mail, in the caller's transaction. */
async function mailInvitation(
  tx: Tx,
  user: { id: string; email: string; role: UserRole; account: { name: string } | null },
  now: Date,
): Promise<void> {
  const token = await issueOneTimeLink(tx, {
    userId: user.id,
    purpose: "INVITATION",
    minutes: INVITATION_DAYS * 24 * 60,
    now,
  });
  await enqueueMail(
    tx,
    user.email,
    {
      template: "invitation",
      data: { token, days: INVITATION_DAYS, role: user.role, accountName: user.account?.name ?? null },
    },
    now,
  );
}

const ROLE_DETAIL: Record<UserRole, string> = { STAFF: "staff", ADMIN: "admin", OWNER: "account owner" };

/**
 * An admin invites someone by email: the user is created without a password (no password
 * signs them in) and a one-time link to choose one is mailed through the outbox, all in
 * one transaction, recorded in the audit log. An owner is bound to the chosen account.
 * Throws AppError INVALID (details.fieldErrors; an address a login already uses), FORBIDDEN.
 */
export async function inviteUser({
  adminId,
  fields,
  client = null,
  now = new Date(),
}: {
  adminId: string;
  fields: Record<string, unknown>;
  client?: string | null;
  now?: Date;
}): Promise<{ id: string; email: string; role: UserRole }> {
  await assertAdmin(getDb(), adminId, REFUSAL);
  const parsed = inviteFormSchema.safeParse(fields);
  if (!parsed.success) throw new AppError("INVALID", CHECK_FIELDS, { fieldErrors: fieldErrorsOf(parsed.error) });
  const { email, name, role } = parsed.data;
  const accountId = role === "OWNER" ? parsed.data.accountId : null;
  const taken = () => new AppError("INVALID", CHECK_FIELDS, { fieldErrors: { email: [TAKEN] } });
  try {
    return await getDb().$transaction(async (tx) => {
      const admin = await adminOf(tx, adminId);
      const account = accountId
        ? isUuid(accountId)
          ? await tx.account.findUnique({ where: { id: accountId }, select: { name: true } })
          : null
        : null;
      if (accountId && !account)
        throw new AppError("INVALID", CHECK_FIELDS, {
          fieldErrors: { accountId: ["This account no longer exists: choose another."] },
        });
      if (await tx.user.count({ where: { email: equalsIgnoringCase(email) } })) throw taken();
      const user = await tx.user.create({
        data: { email, name, role, accountId, passwordHash: null, invitedAt: now, invitedById: admin.id },
        select: { id: true, email: true, role: true },
      });
      await mailInvitation(tx, { ...user, account }, now);
      await recordStaffAudit(tx, {
        actorId: admin.id,
        actorEmail: admin.email,
        action: "USER_INVITED",
        target: user.email,
        client,
        data: { userId: user.id, detail: account ? `${ROLE_DETAIL[role]} of ${account.name}` : ROLE_DETAIL[role] },
        now,
      });
      return user;
    });
  } catch (error) {
    // Two admins inviting the same address at once: the unique index decides.
    if (isUniqueViolation(error, "app_user_email_idx")) throw taken();
    throw error;
  }
}

/*
 * The invitee's row is locked (FOR UPDATE, raw: the model API takes no row locks) before
 * their links are touched, by resend, revoke and acceptance alike, so the three are
 * serialised and always take the locks in the same order (the user, then the links): a
 * resend that waited for an acceptance finds the invitation accepted, instead of mailing a
 * new link to someone who has just set a password, and a revoke that waited for a resend
 * removes the new link too.
 */
async function lockUser(tx: Tx, userId: string): Promise<void> {
  await queryRows(
    tx,
    Prisma.sql`SELECT id FROM app_user WHERE id = ${userId}::uuid FOR UPDATE`,
    z.object({ id: z.string() }),
  );
}

async function pendingInvitee(tx: Tx, userId: string) {
  if (isUuid(userId)) await lockUser(tx, userId);
  // Read after the lock is held (a fresh snapshot per statement).
  const user = isUuid(userId)
    ? await tx.user.findFirst({
        where: { id: userId, ...PENDING },
        select: { id: true, email: true, role: true, account: { select: { name: true } } },
      })
    : null;
  if (!user) throw new AppError("NOT_FOUND", "This invitation was accepted or revoked meanwhile: the list is updated.");
  return user;
}

/** An admin mails a pending invitation again, with a new link (the old one stops working). Throws FORBIDDEN, NOT_FOUND. */
export async function resendInvitation({
  adminId,
  userId,
  client = null,
  now = new Date(),
}: {
  adminId: string;
  userId: string;
  client?: string | null;
  now?: Date;
}): Promise<{ email: string }> {
  return getDb().$transaction(async (tx) => {
    const admin = await adminOf(tx, adminId);
    const user = await pendingInvitee(tx, userId);
    await mailInvitation(tx, user, now);
    await recordStaffAudit(tx, {
      actorId: admin.id,
      actorEmail: admin.email,
      action: "INVITATION_RESENT",
      target: user.email,
      client,
      data: { userId: user.id },
      now,
    });
    return { email: user.email };
  });
}

/**
 * An admin withdraws a pending invitation: its link stops working and the invited user is
 * removed (they never signed in, so nothing names them), so the address can be invited
 * again. Throws FORBIDDEN, NOT_FOUND (accepted or revoked meanwhile).
 */
export async function revokeInvitation({
  adminId,
  userId,
  client = null,
  now = new Date(),
}: {
  adminId: string;
  userId: string;
  client?: string | null;
  now?: Date;
}): Promise<{ email: string }> {
  return getDb().$transaction(async (tx) => {
    const admin = await adminOf(tx, adminId);
    const user = await pendingInvitee(tx, userId);
    await tx.oneTimeLink.deleteMany({ where: { userId: user.id } });
    const removed = await tx.user.deleteMany({ where: { id: user.id, ...PENDING } });
    if (removed.count !== 1) throw new AppError("NOT_FOUND", "This invitation was accepted meanwhile.");
    await recordStaffAudit(tx, {
      actorId: admin.id,
      actorEmail: admin.email,
      action: "INVITATION_REVOKED",
      target: user.email,
      client,
      data: { userId: user.id },
      now,
    });
    return { email: user.email };
  });
}

/** Whose live invitation link this is, without using it; null for none. */
async function linkHolder(tx: Tx, token: string, now: Date): Promise<string | null> {
  const where = liveOneTimeLinkWhere(token, "INVITATION", now);
  if (!where) return null;
  return (await tx.oneTimeLink.findFirst({ where, select: { userId: true } }))?.userId ?? null;
}

/**
 * The invited user follows the link and chooses a password: the link is used up, the
 * invitation accepted, and the user (as they are now) returned for the caller to start
 * their session. Anyone holding the link may call it; rate-limited per client like a reset.
 * Throws AppError INVALID (details.fieldErrors), GONE (link unknown, used, expired, or the
 * invitation revoked or the login disabled), RATE_LIMITED.
 */
export async function acceptInvitation({
  token,
  fields,
  client,
  now = new Date(),
}: {
  token: string;
  fields: Record<string, unknown>;
  client: string;
  now?: Date;
}): Promise<SignedInUser> {
  const parsed = resetPasswordSchema.safeParse(fields);
  if (!parsed.success) throw new AppError("INVALID", CHECK_FIELDS, { fieldErrors: fieldErrorsOf(parsed.error) });
  await limitPasswordAttempts(clientLimitKey("invitation-use:client", client));
  const passwordHash = await hashPassword(parsed.data.password);
  return getDb().$transaction(async (tx) => {
    // The invitee's row first, as resend and revoke lock it (lockUser), then the link.
    const holder = await linkHolder(tx, token, now);
    if (holder) await lockUser(tx, holder);
    const userId = await redeemOneTimeLink(token, "INVITATION", tx, now);
    const accepted = userId
      ? await tx.user.updateManyAndReturn({
          where: { id: userId, disabledAt: null, ...PENDING },
          data: {
            passwordHash,
            invitationAcceptedAt: now,
            sessionVersion: { increment: 1 },
            deviceVersion: { increment: 1 },
          },
          select: { id: true, email: true, name: true, role: true, accountId: true, sessionVersion: true },
        })
      : [];
    const user = accepted[0];
    if (!user) throw new AppError("GONE", LINK_UNUSABLE_INVITATION);
    // The password is set: no other link of theirs may set it again.
    await retireOneTimeLinks(tx, user.id, now);
    await recordStaffAudit(tx, {
      actorId: user.id,
      actorEmail: user.email,
      action: "INVITATION_ACCEPTED",
      target: user.email,
      client,
      data: { userId: user.id, detail: "password set" },
      now,
    });
    return user;
  });
}

/**
 * An invited staff member signs in with single sign-on before setting a password: the
 * provider proved their address, so the invitation counts as accepted (its link stops
 * working), recorded in the audit log. False, and nothing changed, when the invitation is no
 * longer live (its link expired or was used): the sign-in is refused, and an admin resends
 * it. Callers: lib/auth/sign-in.ts, after its checks.
 */
export async function acceptInvitationBySingleSignOn({
  userId,
  client,
  now = new Date(),
}: {
  userId: string;
  client: string;
  now?: Date;
}): Promise<boolean> {
  if (!isUuid(userId)) return false;
  return getDb().$transaction(async (tx) => {
    // Only while the invitation is live: its link unused and not expired (an admin resends an
    // expired one), as the link itself requires. Both rows change under the same conditions.
    const pendingWithLiveLink = {
      id: userId,
      ...PENDING,
      oneTimeLinks: { some: { purpose: "INVITATION" as const, usedAt: null, expiresAt: { gt: now } } },
    };
    const [user] = await tx.user.updateManyAndReturn({
      where: pendingWithLiveLink,
      data: { invitationAcceptedAt: now },
      select: { id: true, email: true },
    });
    if (!user) return false;
    await tx.oneTimeLink.updateMany({
      where: { userId: user.id, purpose: "INVITATION", usedAt: null },
      data: { usedAt: now },
    });
    await recordStaffAudit(tx, {
      actorId: user.id,
      actorEmail: user.email,
      action: "INVITATION_ACCEPTED",
      target: user.email,
      client,
      data: { userId: user.id, detail: "single sign-on" },
      now,
    });
    return true;
  });
}
