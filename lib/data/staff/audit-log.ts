import "server-only";
import { getDb } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { StaffAuditAction } from "@/lib/generated/prisma/enums";

export interface StaffAuditEntry {
  actorId: string | null;
  actorEmail: string;
  action: StaffAuditAction;
  /** The request or case reference acted on. */
  target?: string | null;
  /** Why, in words: a failure's cause, a reassignment's note. */
  reason?: string | null;
  client?: string | null;
  data?: Prisma.InputJsonValue;
  now?: Date;
}

const bounded = (value: string | null | undefined, max: number) => (value == null ? null : value.slice(0, max));

/**
 * Appends one entry to the staff audit log (table staff_audit, append-only in the database).
 * Changes to blocks are not written here: their events (actor STAFF) are the record, and
 * the audit page reads both. Pass the caller's transaction so the entry commits with the change.
 */
export async function recordStaffAudit(tx: Prisma.TransactionClient, entry: StaffAuditEntry): Promise<void> {
  await tx.staffAudit.create({
    data: {
      actorId: entry.actorId,
      actorEmail: bounded(entry.actorEmail, 320) ?? "",
      action: entry.action,
      target: bounded(entry.target, 100),
      reason: bounded(entry.reason, 2000),
      client: bounded(entry.client, 100),
      data: entry.data ?? {},
      ...(entry.now ? { createdAt: entry.now } : {}),
    },
  });
}

export type SignInOutcome =
  | { ok: true; userId: string }
  /** Why it failed, for the auditor (never shown to the person signing in); `userId` when the address belongs to a user. */
  | {
      ok: false;
      reason: "wrong email or password" | "rate limited" | "no access for this role";
      userId?: string | null;
    };

/**
 * Records a sign-in attempt to the staff console, successful or not: who (the address as
 * typed, and the user when there is one), from where, and why it failed. The one call the
 * sign-in action makes; whatever signs people in (a password form, single sign-on) calls it
 * the same way. The password is never passed here.
 */
export async function recordSignIn({
  email,
  client,
  outcome,
  now,
}: {
  email: string;
  client: string | null;
  outcome: SignInOutcome;
  now?: Date;
}): Promise<void> {
  await recordStaffAudit(getDb(), {
    actorId: outcome.userId ?? null,
    actorEmail: email.trim(),
    action: outcome.ok ? "SIGN_IN" : "SIGN_IN_FAILED",
    reason: outcome.ok ? null : outcome.reason,
    client,
    now,
  });
}
