import "server-only";
import { z } from "zod";
import { clientLimitKey, consumeRateLimit, releaseRateLimit, type RateLimitResult } from "@/lib/data/rate-limit";
import { recordSignIn, type SignInFailure } from "@/lib/data/staff/audit-log";
import { acceptInvitationBySingleSignOn } from "@/lib/data/users/invitations";
import {
  findLoginByEmail,
  linkSingleSignOnSubject,
  verifyCredentials,
  type SignedInUser,
} from "@/lib/data/users/verify-credentials";
import { trustedDeviceFor } from "./device-cookie";
import { landingPath } from "./landing";
import { isStaffRole } from "./roles";
import type { SingleSignOnOutcome } from "./single-sign-on";

const WINDOW_SECONDS = 15 * 60;
/**
 * Attempts per window: from one client address (attempts without a device cookie of the
 * login they try); for one email address from anywhere (the same attempts); and failed
 * attempts with one device cookie (lib/auth/device-cookie.ts).
 */
export const SIGN_IN_LIMITS = { client: 30, email: 10, device: 5 } as const;

/**
 * Whether this refusal is the first of its window (the count just went past the limit):
 * only that one goes to the audit log, so refused attempts, which cost the sender nothing,
 * cannot fill it (the counter keeps counting them).
 */
const firstRefusal = (refusal: RateLimitResult, limit: number) => refusal.count === limit + 1;

export type SignInResult =
  | { ok: true; user: SignedInUser; landing: string }
  | { ok: false; reason: "wrong" | "no-access" }
  | { ok: false; reason: "rate-limited"; retryAfterSeconds: number };

/*
 * The only way into the app. Every sign-in — the sign-in page's action, and single sign-on's
 * callback (signInWithSingleSignOn below) — goes through here, so the same
 * limits and the same role rules apply to all of them. Password guessing is limited per
 * client and per address (in Postgres, so across instances); a role without a place to
 * land (lib/auth/landing.ts) may not sign in. Every attempt, allowed or not, goes to the
 * audit log (/staff/audit). The caller starts the session.
 *
 * The per-address and per-client limits would let anyone who knows an address keep its user
 * out (10 wrong passwords every 15 minutes), and anyone behind the same NAT or IPv6 /64 keep
 * everyone there out (30 attempts). So an attempt that brings a valid device cookie of the
 * login it tries (the browser signed in to it before: OWASP's device cookies) is counted
 * against neither the address nor the client, nor stopped by them: it counts against that
 * cookie, whose failures have a small limit of their own (a stolen cookie buys few
 * guesses). Its success is given back, so only failures count there. Every other attempt
 * (no cookie, or a forged, foreign, outdated one) counts in the per-client and
 * per-address limits exactly as before. Refusals look the same either way: "wrong", or
 * "rate-limited" with the wait. The audit entry says which attempts came from a known browser.
 *
 * The cookie is therefore checked before the per-client limit, its HMAC before anything is
 * read (trustedDeviceFor): a forged cookie costs no database read, a genuine one (of another
 * login, say) one indexed read of the login; every attempt is still counted somewhere before
 * its password is checked.
 */
export async function signIn({
  email,
  password,
  client,
  next,
  device,
}: {
  email: string;
  password: string;
  client: string;
  next: unknown;
  /** The device cookie the browser sent, unchecked (lib/auth/device-cookie.ts). */
  device?: string;
}): Promise<SignInResult> {
  const deviceId = await trustedDeviceFor(device, email);
  const knownBrowser = deviceId !== null;
  const limited = async (refusal: RateLimitResult, max: number): Promise<SignInResult> => {
    if (firstRefusal(refusal, max))
      await recordSignIn({ email, client, outcome: { ok: false, reason: "rate limited" }, knownBrowser });
    return { ok: false, reason: "rate-limited", retryAfterSeconds: refusal.retryAfterSeconds };
  };
  if (!knownBrowser) {
    const perClient = await consumeRateLimit(
      clientLimitKey("sign-in:client", client),
      SIGN_IN_LIMITS.client,
      WINDOW_SECONDS,
    );
    if (!perClient.allowed) return limited(perClient, SIGN_IN_LIMITS.client);
  }
  const [key, limit] = deviceId
    ? [`sign-in:device:${deviceId}`, SIGN_IN_LIMITS.device]
    : [`sign-in:email:${email.trim().toLowerCase()}`, SIGN_IN_LIMITS.email];
  const counted = await consumeRateLimit(key, limit, WINDOW_SECONDS);
  if (!counted.allowed) return limited(counted, limit);
  const user = await verifyCredentials(email, password);
  // The right password from a known browser is no failure of that browser's.
  if (deviceId && user) await releaseRateLimit(key);
  const landing = user && landingPath(user.role, next);
  await recordSignIn({
    email,
    client,
    outcome: landing
      ? { ok: true, userId: user.id }
      : { ok: false, reason: user ? "no access for this role" : "wrong email or password", userId: user?.id },
    knownBrowser,
  });
  if (!user) return { ok: false, reason: "wrong" };
  return landing ? { ok: true, user, landing } : { ok: false, reason: "no-access" };
}

export type SingleSignOnRefusal =
  "failed" | "unverified" | "unknown" | "not-staff" | "disabled" | "invitation-expired" | "identity-changed";

export type SingleSignOnResult =
  | { ok: true; user: SignedInUser; landing: string }
  | { ok: false; reason: SingleSignOnRefusal }
  | { ok: false; reason: "rate-limited"; retryAfterSeconds: number };

const SSO_AUDIT: Record<SingleSignOnRefusal, SignInFailure> = {
  failed: "single sign-on: the provider's answer failed its checks",
  unverified: "single sign-on: email address not verified",
  unknown: "single sign-on: no login uses this address",
  "not-staff": "single sign-on: not a staff login",
  disabled: "single sign-on: login disabled",
  "invitation-expired": "single sign-on: invitation expired",
  "identity-changed": "single sign-on: login linked to another identity",
};

/**
 * The provider's address as it must be to name a login: a whole address as the sign-in form
 * takes it (ASCII, no spaces), exactly as given. Nothing is trimmed or folded but the case
 * of ASCII letters (lib/db/text-filters.ts): `admİn@…` or `admin@…` with a no-break space
 * after it is not admin@….
 */
const providerAddress = z.email().max(320);

/**
 * Single sign-on's answer (lib/auth/single-sign-on.ts), judged by the same rules as a
 * password: the per-client limit counts every attempt, and every attempt goes to the audit
 * log. The identity maps to an EXISTING login by its email address, and only when the
 * provider says it verified that address; only staff and admins sign in this way (owners
 * use their password), never a disabled login. A staff member invited and signing in this
 * way first has accepted the invitation, while it is live. The first single sign-on to a
 * login links it to the provider's identity (issuer and `sub`); after that, only that
 * identity signs in to it, so an address the provider hands to someone else does not
 * (linkSingleSignOnSubject). The caller starts the session (the same session a password
 * starts: lib/auth/session.ts startSession).
 *
 * An attempt counts once this browser started the flow here (it brought the flow cookie,
 * which only a visit to /sign-in/sso sets and which is not sent cross-site): a bare request
 * to the callback, which any page can make a browser send (an image), is refused without
 * counting or an audit entry, so it cannot use up everyone's attempts behind one address.
 * A sign-in that succeeds gives its attempt back, so a team behind one NAT signing in each
 * morning does not run into the limit.
 */
export async function signInWithSingleSignOn({
  outcome,
  client,
}: {
  outcome: SingleSignOnOutcome;
  client: string;
}): Promise<SingleSignOnResult> {
  if (!outcome.ok && !outcome.started) return { ok: false, reason: "failed" };
  const email = outcome.ok ? (outcome.identity.email ?? "") : "";
  const clientKey = clientLimitKey("sign-in:client", client);
  const counted = await consumeRateLimit(clientKey, SIGN_IN_LIMITS.client, WINDOW_SECONDS);
  if (!counted.allowed) {
    if (firstRefusal(counted, SIGN_IN_LIMITS.client))
      await recordSignIn({ email, client, outcome: { ok: false, reason: "rate limited" }, method: "single sign-on" });
    return { ok: false, reason: "rate-limited", retryAfterSeconds: counted.retryAfterSeconds };
  }
  const refuse = async (reason: SingleSignOnRefusal, userId?: string): Promise<SingleSignOnResult> => {
    await recordSignIn({
      email,
      client,
      outcome: { ok: false, reason: SSO_AUDIT[reason], userId },
      method: "single sign-on",
    });
    return { ok: false, reason };
  };
  if (!outcome.ok || !outcome.identity.email) return refuse("failed");
  const address = providerAddress.safeParse(outcome.identity.email);
  const login = address.success ? await findLoginByEmail(address.data) : null;
  // Checked before the address is looked at further: an unverified address proves nothing.
  if (!outcome.identity.emailVerified) return refuse("unverified", login?.user.id);
  if (!login) return refuse("unknown");
  if (login.disabled) return refuse("disabled", login.user.id);
  const landing = isStaffRole(login.user.role) ? landingPath(login.user.role, outcome.next) : null;
  if (!landing) return refuse("not-staff", login.user.id);
  if (login.invitationPending && !(await acceptInvitationBySingleSignOn({ userId: login.user.id, client })))
    return refuse("invitation-expired", login.user.id);
  const { issuer, subject } = outcome.identity;
  if (!(await linkSingleSignOnSubject(login.user.id, { issuer, subject })))
    return refuse("identity-changed", login.user.id);
  await releaseRateLimit(clientKey);
  await recordSignIn({ email, client, outcome: { ok: true, userId: login.user.id }, method: "single sign-on" });
  return { ok: true, user: login.user, landing };
}
