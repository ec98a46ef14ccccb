import "server-only";
import { consumeRateLimit } from "@/lib/data/rate-limit";
import { recordSignIn } from "@/lib/data/staff/audit-log";
import { verifyCredentials, type SignedInUser } from "@/lib/data/users/verify-credentials";
import { landingPath } from "./landing";

const WINDOW_SECONDS = 15 * 60;
/** Attempts per window: from one client address, and for one email address from anywhere. */
export const SIGN_IN_LIMITS = { client: 30, email: 10 } as const;

export type SignInResult =
  | { ok: true; user: SignedInUser; landing: string }
  | { ok: false; reason: "wrong" | "no-access" }
  | { ok: false; reason: "rate-limited"; retryAfterSeconds: number };

/*
 * The only way into the app. Every sign-in — today the sign-in page's action; a later
 * OpenID Connect provider for staff from its callback — goes through here, so the same
 * limits and the same role rules apply to all of them. Password guessing is limited per
 * client and per address (in Postgres, so across instances); a role without a place to
 * land (lib/auth/landing.ts) may not sign in. Every attempt, allowed or not, goes to the
 * audit log (/staff/audit). The caller starts the session.
 */
export async function signIn({
  email,
  password,
  client,
  next,
}: {
  email: string;
  password: string;
  client: string;
  next: unknown;
}): Promise<SignInResult> {
  for (const [key, limit] of [
    [`sign-in:client:${client}`, SIGN_IN_LIMITS.client],
    [`sign-in:email:${email.trim().toLowerCase()}`, SIGN_IN_LIMITS.email],
  ] as const) {
    const result = await consumeRateLimit(key, limit, WINDOW_SECONDS);
    if (!result.allowed) {
      await recordSignIn({ email, client, outcome: { ok: false, reason: "rate limited" } });
      return { ok: false, reason: "rate-limited", retryAfterSeconds: result.retryAfterSeconds };
    }
  }
  const user = await verifyCredentials(email, password);
  const landing = user && landingPath(user.role, next);
  await recordSignIn({
    email,
    client,
    outcome: landing
      ? { ok: true, userId: user.id }
      : { ok: false, reason: user ? "no access for this role" : "wrong email or password", userId: user?.id },
  });
  if (!user) return { ok: false, reason: "wrong" };
  return landing ? { ok: true, user, landing } : { ok: false, reason: "no-access" };
}
