import "server-only";
import bcrypt from "bcryptjs";
import { changePasswordSchema, resetPasswordSchema } from "@/lib/auth/password-form";
import { z } from "zod";
import { enqueueMail } from "@/lib/data/appeals/enqueue-mail";
import { assertSystemCaller, type SystemCaller } from "@/lib/data/callers";
import { enqueueJob } from "@/lib/data/outbox";
import { isUuid } from "@/lib/data/ids";
import { clientLimitKey, consumeRateLimit } from "@/lib/data/rate-limit";
import { getDb } from "@/lib/db/client";
import { equalsIgnoringCase } from "@/lib/db/text-filters";
import type { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { formatWait } from "@/lib/evidence/format";
import { fieldErrorsOf } from "@/lib/forms/field-errors";
import { issueOneTimeLink, redeemOneTimeLink } from "./one-time-links";
import { hashPassword, storePassword } from "./sessions";
import type { SignedInUser } from "./verify-credentials";

/** How long a reset link works. */
export const RESET_LINK_MINUTES = 30;
const WINDOW_SECONDS = 15 * 60;
/** As for signing in: per client address, and per email address (or user) from anywhere. */
export const PASSWORD_LIMITS = { client: 30, email: 5, user: 10 } as const;

export const LINK_UNUSABLE = "This link has expired or was already used. Ask for a new one.";

/** A user who was invited and has not accepted yet: they set their first password with the invitation's link. */
export const PENDING_INVITATION = {
  invitedAt: { not: null },
  invitationAcceptedAt: null,
} satisfies Prisma.UserWhereInput;

async function limit(keys: [string, number][]): Promise<void> {
  for (const [key, max] of keys) {
    const result = await consumeRateLimit(key, max, WINDOW_SECONDS);
    if (!result.allowed)
      throw new AppError("RATE_LIMITED", `Too many attempts. Try again in ${formatWait(result.retryAfterSeconds)}.`);
  }
}

/** Uses one attempt of a per-client key (as the reset link's use); throws AppError RATE_LIMITED past the limit. */
export const limitPasswordAttempts = (key: string) => limit([[key, PASSWORD_LIMITS.client]]);

/** The payload of a `password-reset.issue` job. */
export const passwordResetJob = z.object({ email: z.string().max(320), requestedAt: z.coerce.date() });

/**
 * "Forgot password": queues the request, and the worker mails a one-time link when an
 * active login uses the address (issuePasswordReset). Anyone may call it; the caller shows
 * the same answer whether or not the address exists, and the answer takes as long either
 * way: what runs here (the limits, one outbox row) does not depend on whether a login uses
 * the address, so its timing cannot tell (looking the login up and issuing its link here
 * made a known address's answer about 20 ms slower). Throws AppError RATE_LIMITED.
 */
export async function requestPasswordReset({
  email,
  client,
  now = new Date(),
}: {
  email: string;
  client: string;
  now?: Date;
}): Promise<void> {
  const address = email.trim();
  await limit([
    [clientLimitKey("password-reset:client", client), PASSWORD_LIMITS.client],
    [`password-reset:email:${address.toLowerCase()}`, PASSWORD_LIMITS.email],
  ]);
  await enqueueJob(getDb(), "password-reset.issue", passwordResetJob.parse({ email: address, requestedAt: now }));
}

/**
 * The `password-reset.issue` job (requestPasswordReset): when an active login uses the
 * address, a one-time link, valid for RESET_LINK_MINUTES from now, and its mail through the
 * outbox, in one transaction; otherwise nothing. A request older than the link's lifetime
 * (the worker was down that long) is dropped: its sender has asked again or given up.
 * Callers: the worker, and tests.
 */
export async function issuePasswordReset(
  system: SystemCaller,
  job: z.infer<typeof passwordResetJob>,
  now = new Date(),
): Promise<"issued" | "no login" | "too old"> {
  assertSystemCaller(system);
  if (now.getTime() - job.requestedAt.getTime() > RESET_LINK_MINUTES * 60_000) return "too old";
  const user = await getDb().user.findFirst({
    // A pending invitation is accepted with its own link (an admin resends it). Not
    // lower-cased here: JavaScript lower-cases the Kelvin sign to `k` (lib/db/text-filters.ts).
    where: { email: equalsIgnoringCase(job.email), disabledAt: null, NOT: PENDING_INVITATION },
    select: { id: true, email: true },
  });
  if (!user) return "no login";
  await getDb().$transaction(async (tx) => {
    const token = await issueOneTimeLink(tx, {
      userId: user.id,
      purpose: "PASSWORD_RESET",
      minutes: RESET_LINK_MINUTES,
      now,
    });
    await enqueueMail(
      tx,
      user.email,
      { template: "password-reset", data: { token, minutes: RESET_LINK_MINUTES } },
      now,
    );
  });
  return "issued";
}

/**
 * Sets a new password with a reset link, which is used up by it; every session of the user
 * ends and every other outstanding link stops working (storePassword). Anyone holding the
 * link may call it. A disabled user's link is used up and refused like an expired one.
 * Throws AppError INVALID (details.fieldErrors), GONE (link unknown, used or expired, or
 * the login disabled), RATE_LIMITED.
 */
export async function resetPassword({
  token,
  fields,
  client,
}: {
  token: string;
  fields: Record<string, unknown>;
  client: string;
}): Promise<void> {
  const parsed = resetPasswordSchema.safeParse(fields);
  if (!parsed.success)
    throw new AppError("INVALID", "Please check the highlighted fields.", { fieldErrors: fieldErrorsOf(parsed.error) });
  await limit([[clientLimitKey("password-reset-use:client", client), PASSWORD_LIMITS.client]]);
  const passwordHash = await hashPassword(parsed.data.password);
  // The link is used up and the password set in one transaction; for a disabled user the
  // link is still used up (the transaction commits), and the answer is the neutral one.
  const changed = await getDb().$transaction(async (tx) => {
    const userId = await redeemOneTimeLink(token, "PASSWORD_RESET", tx);
    return userId !== null && (await storePassword(tx, userId, passwordHash));
  });
  if (!changed) throw new AppError("GONE", LINK_UNUSABLE);
}

/**
 * A signed-in user changes their own password, proving the current one. Every session of
 * theirs ends, this one included, and every outstanding reset link stops working; the user
 * as they are now is returned so the caller can start this browser's session again.
 * Throws AppError INVALID, RATE_LIMITED, NOT_FOUND.
 */
export async function changeOwnPassword({
  userId,
  fields,
}: {
  userId: string;
  fields: Record<string, unknown>;
}): Promise<SignedInUser> {
  const parsed = changePasswordSchema.safeParse(fields);
  if (!parsed.success)
    throw new AppError("INVALID", "Please check the highlighted fields.", { fieldErrors: fieldErrorsOf(parsed.error) });
  if (!isUuid(userId)) throw new AppError("NOT_FOUND", "Sign in again.");
  await limit([[`password-change:user:${userId}`, PASSWORD_LIMITS.user]]);
  const user = await getDb().user.findFirst({
    where: { id: userId, disabledAt: null },
    select: { passwordHash: true },
  });
  if (!user) throw new AppError("NOT_FOUND", "Sign in again.");
  if (user.passwordHash === null || !(await bcrypt.compare(parsed.data.current, user.passwordHash))) {
    throw new AppError("INVALID", "Please check the highlighted fields.", {
      fieldErrors: { current: ["This is not your current password."] },
    });
  }
  const passwordHash = await hashPassword(parsed.data.password);
  // Disabled meanwhile: nothing changes.
  if (!(await getDb().$transaction((tx) => storePassword(tx, userId, passwordHash))))
    throw new AppError("NOT_FOUND", "Sign in again.");
  return getDb().user.findUniqueOrThrow({
    where: { id: userId },
    select: { id: true, email: true, name: true, role: true, accountId: true, sessionVersion: true },
  });
}
