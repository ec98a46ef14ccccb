import "server-only";
import { getDb } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { StaffAuditAction } from "@/lib/generated/prisma/enums";

export interface StaffAuditEntry {
  actorId: string | null;
  actorEmail: string;
  action: StaffAuditAction;
  /** The request or case reference, or the user (their email address), acted on. */
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
      reason: SignInFailure;
      userId?: string | null;
    };

export type SignInFailure =
  | "wrong email or password"
  | "rate limited"
  | "no access for this role"
  | "single sign-on: the provider's answer failed its checks"
  | "single sign-on: email address not verified"
  | "single sign-on: no login uses this address"
  | "single sign-on: not a staff login"
  | "single sign-on: login disabled"
  | "single sign-on: invitation expired"
  | "single sign-on: login linked to another identity";

/**
 * Records a sign-in attempt to the staff console, successful or not: who (the address as
 * typed, and the user when there is one), from where, from a known browser or not, and why
 * it failed. The one call the sign-in action makes; whatever signs people in (a password
 * form, single sign-on) calls it the same way. The password is never passed here.
 */
export async function recordSignIn({
  email,
  client,
  outcome,
  method = "password",
  knownBrowser = false,
  now,
}: {
  email: string;
  client: string | null;
  outcome: SignInOutcome;
  /** How: the password form, an invitation's link, or single sign-on (shown as the entry's detail). */
  method?: "password" | "invitation" | "single sign-on";
  /**
   * A password attempt that brought a valid device cookie of the login it tried
   * (lib/auth/device-cookie.ts), so the per-client and per-address limits did not count it:
   * stored as `knownBrowser: true` in the entry's data, and shown as its detail, "known browser".
   */
  knownBrowser?: boolean;
  now?: Date;
}): Promise<void> {
  await recordStaffAudit(getDb(), {
    actorId: outcome.userId ?? null,
    actorEmail: email.trim(),
    action: outcome.ok ? "SIGN_IN" : "SIGN_IN_FAILED",
    reason: outcome.ok ? null : outcome.reason,
    client,
    data: method !== "password" ? { detail: method } : knownBrowser ? { detail: "known browser", knownBrowser } : {},
    now,
  });
}
