import "server-only";
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { cookies } from "next/headers";
import { deviceVersionOf, findDeviceLogin } from "@/lib/data/users/devices";
import { env } from "@/lib/env";
import { SESSION_COOKIE } from "./session-token";

/*
 * Device cookies, as OWASP recommends against online guessing ("Slow down online guessing
 * attacks with device cookies"). A browser that signs in to a login gets a long-lived
 * cookie naming that login; sign-in attempts that bring a valid one for the login they
 * try count against that cookie alone (lib/auth/sign-in.ts), not against the login's
 * address nor the client's, so neither lockout (the login's, which anyone who knows the
 * address can set off, nor the client's, which anyone behind the same NAT or IPv6 /64 can)
 * shuts out a browser its user signed in from before. Attempts without one are judged as
 * before.
 *
 * The cookie holds one token per login the browser signed in to, the latest first, at most
 * DEVICE_COOKIE_LOGINS of them, joined by `~` (a shared desk, or an admin who also owns an
 * account, stays known for each login). A token is
 * `<user id>.<device version>.<device id>.<issued, unix seconds>.<HMAC>`, the HMAC-SHA256
 * of the rest under NEXTAUTH_SECRET (with its own label, so it is no other token of the
 * app's). Nothing per device is stored. It counts only while its
 * device version is the login's (lib/data/users/devices.ts): setting a password by any
 * path and disabling the login move that on, retiring every cookie issued before. The
 * device id is what the cookie's own attempts are counted under; it stays the same when
 * the browser signs in again.
 */

/** A year: a browser the user signs in from now and then stays known. */
export const DEVICE_COOKIE_MAX_AGE_SECONDS = 365 * 24 * 60 * 60;

/** Secure (and `__Secure-`) exactly when the session cookie is: when the app is served over https (NEXTAUTH_URL). */
export const DEVICE_COOKIE = {
  name: `${SESSION_COOKIE.secure ? "__Secure-" : ""}block-reports.device`,
  secure: SESSION_COOKIE.secure,
  /** Sent only where a password is tried: the sign-in page and its action. */
  path: "/sign-in",
};

/** Logins one browser stays known for; signing in to one more forgets the one signed in to longest ago. */
export const DEVICE_COOKIE_LOGINS = 3;
const SEPARATOR = "~";
const TOKEN_MAX_LENGTH = 200;

export interface DeviceClaims {
  userId: string;
  deviceVersion: number;
  deviceId: string;
  /** Unix seconds. */
  issuedAt: number;
}

const LABEL = "block-reports device cookie v1";
const DEVICE_ID = /^[A-Za-z0-9_-]{22}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const macOf = (payload: string, secret: string): Buffer =>
  createHmac("sha256", secret).update(`${LABEL}\n${payload}`).digest();

export function issueDeviceToken(claims: DeviceClaims, secret: string): string {
  const payload = [claims.userId, claims.deviceVersion, claims.deviceId, claims.issuedAt].join(".");
  return `${payload}.${macOf(payload, secret).toString("base64url")}`;
}

/** The claims of a cookie this app issued less than a year ago; null for anything else. */
export function readDeviceToken(token: string | undefined, secret: string, now = Date.now()): DeviceClaims | null {
  if (!token || token.length > TOKEN_MAX_LENGTH) return null;
  const parts = token.split(".");
  if (parts.length !== 5) return null;
  const [userId = "", version = "", deviceId = "", issued = "", mac = ""] = parts;
  if (!UUID.test(userId) || !/^\d{1,9}$/.test(version) || !DEVICE_ID.test(deviceId) || !/^\d{1,12}$/.test(issued))
    return null;
  const expected = macOf(parts.slice(0, 4).join("."), secret);
  const given = Buffer.from(mac, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  const issuedAt = Number(issued);
  const age = now / 1000 - issuedAt;
  if (age < -300 || age > DEVICE_COOKIE_MAX_AGE_SECONDS) return null;
  return { userId, deviceVersion: Number(version), deviceId, issuedAt };
}

/**
 * The valid tokens of a device cookie, one per login, as written (the latest first); the
 * first DEVICE_COOKIE_LOGINS entries only, anything not issued here left out.
 */
export function readDeviceCookie(value: string | undefined, secret: string, now = Date.now()): DeviceClaims[] {
  if (!value || value.length > DEVICE_COOKIE_LOGINS * (TOKEN_MAX_LENGTH + SEPARATOR.length)) return [];
  return value
    .split(SEPARATOR, DEVICE_COOKIE_LOGINS)
    .map((token) => readDeviceToken(token, secret, now))
    .filter((claims) => claims !== null);
}

/** The cookie's value after `claims` signed in: its token first, then the other logins' (at most DEVICE_COOKIE_LOGINS). */
export function withDeviceToken(held: DeviceClaims[], claims: DeviceClaims, secret: string): string {
  return [claims, ...held.filter((other) => other.userId !== claims.userId)]
    .slice(0, DEVICE_COOKIE_LOGINS)
    .map((each) => issueDeviceToken(each, secret))
    .join(SEPARATOR);
}

/**
 * The device id of a cookie that is valid now for the login with this email address (the
 * login exists, is not disabled, and its device version is the cookie's); null otherwise,
 * and always without NEXTAUTH_SECRET. Called before the per-client limit, so the HMAC is
 * checked before anything is read: a forged cookie (or none) costs no database read, a
 * genuine one a single indexed read.
 */
export async function trustedDeviceFor(cookie: string | undefined, email: string): Promise<string | null> {
  if (!env.NEXTAUTH_SECRET) return null;
  const held = readDeviceCookie(cookie, env.NEXTAUTH_SECRET);
  if (held.length === 0) return null;
  const login = await findDeviceLogin(email);
  if (!login) return null;
  const claims = held.find((c) => c.userId === login.id && c.deviceVersion === login.deviceVersion);
  return claims?.deviceId ?? null;
}

/** The device cookie this request brought, as sent (checked by trustedDeviceFor). */
export async function deviceCookie(): Promise<string | undefined> {
  return (await cookies()).get(DEVICE_COOKIE.name)?.value;
}

/**
 * After a sign-in (lib/auth/session.ts startSession): gives the browser a device token for
 * the user at their current device version, for another year, in front of the tokens it
 * holds for other logins. A browser that already has a genuine token of this user keeps
 * its device id (its failed attempts are still counted under it); any other browser gets a
 * new one.
 */
export async function rememberDevice(userId: string): Promise<void> {
  const secret = env.NEXTAUTH_SECRET;
  if (!secret) return;
  const deviceVersion = await deviceVersionOf(userId);
  if (deviceVersion === null) return;
  const jar = await cookies();
  const held = readDeviceCookie(jar.get(DEVICE_COOKIE.name)?.value, secret);
  const deviceId = held.find((claims) => claims.userId === userId)?.deviceId ?? randomBytes(16).toString("base64url");
  const claims = { userId, deviceVersion, deviceId, issuedAt: Math.floor(Date.now() / 1000) };
  jar.set(DEVICE_COOKIE.name, withDeviceToken(held, claims, secret), {
    httpOnly: true,
    sameSite: "lax",
    secure: DEVICE_COOKIE.secure,
    path: DEVICE_COOKIE.path,
    maxAge: DEVICE_COOKIE_MAX_AGE_SECONDS,
  });
}
