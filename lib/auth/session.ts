import "server-only";
import { cookies } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { endAllSessions } from "@/lib/data/users/sessions";
import { findSessionUser, type SignedInUser } from "@/lib/data/users/verify-credentials";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { rememberDevice } from "./device-cookie";
import { isStaffRole, type StaffRole } from "./roles";
import { issueSessionToken, readSessionToken, SESSION_COOKIE, SESSION_MAX_AGE_SECONDS } from "./session-token";

export type { SignedInUser };

export type StaffUser = SignedInUser & { role: StaffRole };

/** Whether a user may use the staff console (lib/auth/roles.ts STAFF_ROLES). */
export const isStaff = (user: SignedInUser | null): user is StaffUser => isStaffRole(user?.role);

export type OwnerUser = SignedInUser & { role: "OWNER"; accountId: string };

/** Whether a user is an account owner bound to an account (the portal at /account). */
export const isOwner = (user: SignedInUser | null): user is OwnerUser =>
  user?.role === "OWNER" && user.accountId !== null;

/*
 * Sessions: a cookie with a token (lib/auth/session-token.ts) naming the user and their
 * session version at sign-in. Every request reads the user from the database and accepts
 * the token only while the user exists, is not disabled and still has that version, so
 * sign-out, a password change and disabling a user (lib/data/users/sessions.ts) end every
 * session of theirs at once, and a changed role applies on the next request.
 */

/** The signed-in user, read from the database; null without a valid, current session. */
export async function getSessionUser(): Promise<SignedInUser | null> {
  // Read the request first, whatever the configuration: it is what tells Next that every
  // page asking for the session renders per request. Returning early without it let a
  // build without NEXTAUTH_SECRET prerender the console as "signed out", for good.
  const jar = await cookies();
  return sessionUserOf(jar.get(SESSION_COOKIE.name)?.value);
}

/** The user a session cookie's value names (getSessionUser), for the proxy, which has the request's cookies itself. */
export async function sessionUserOf(token: string | undefined): Promise<SignedInUser | null> {
  if (!env.NEXTAUTH_SECRET) return null;
  const claims = await readSessionToken(token, env.NEXTAUTH_SECRET);
  return claims ? findSessionUser(claims.userId, claims.sessionVersion) : null;
}

/**
 * getSessionUser for what a page renders: read once per request (React's request cache),
 * as a page, its segment's 404 (which Next renders into every page's payload) and its
 * layout may each ask. Only for rendering pages; actions and route handlers read it afresh
 * with getSessionUser, as an action may end the session it started with.
 */
export const getPageSessionUser = cache(getSessionUser);

/**
 * For staff pages: the signed-in staff member. Anyone else — signed out, or signed in
 * without a staff role — goes to the sign-in page, which brings a staff member back to `returnTo`.
 */
export async function requireStaffPage(returnTo: string): Promise<StaffUser> {
  const user = await getPageSessionUser();
  if (!isStaff(user)) redirect(`/sign-in?${new URLSearchParams({ next: returnTo })}`);
  return user;
}

/** For staff actions (each a public POST endpoint): the staff member, or FORBIDDEN. */
export async function requireStaffAction(): Promise<StaffUser> {
  const user = await getSessionUser();
  if (!isStaff(user)) throw new AppError("FORBIDDEN", "Your session has ended or does not allow this. Sign in again.");
  return user;
}

/**
 * For the owner portal's pages: the signed-in account owner. Without a session: to the
 * sign-in page, which brings the user back to `returnTo`; signed in as anyone else (staff):
 * not found, as the portal does not exist for them. The account is still checked again by
 * every lib/data/account function: this only decides which page to show.
 */
export async function requireOwnerPage(returnTo: string): Promise<OwnerUser> {
  const user = await getPageSessionUser();
  if (!user) redirect(`/sign-in?${new URLSearchParams({ next: returnTo })}`);
  if (!isOwner(user)) notFound();
  return user;
}

/** For owner actions and route handlers: the account owner, or NOT_FOUND (anyone else learns nothing). */
export async function requireOwnerAction(): Promise<OwnerUser> {
  const user = await getSessionUser();
  if (!isOwner(user)) throw new AppError("NOT_FOUND", "Your session has ended or this is not yours. Sign in again.");
  return user;
}

/**
 * Writes the session cookie for a user who just signed in (lib/auth/sign-in.ts), and the
 * device cookie that keeps this browser's sign-ins apart from the login's lockout
 * (lib/auth/device-cookie.ts).
 */
export async function startSession(user: SignedInUser): Promise<void> {
  if (!env.NEXTAUTH_SECRET)
    throw new AppError("UNAVAILABLE", "Sign-in is not configured (NEXTAUTH_SECRET is missing).");
  const token = await issueSessionToken({ userId: user.id, sessionVersion: user.sessionVersion }, env.NEXTAUTH_SECRET);
  (await cookies()).set(SESSION_COOKIE.name, token, {
    httpOnly: true,
    sameSite: "lax",
    secure: SESSION_COOKIE.secure,
    path: "/",
    maxAge: SESSION_MAX_AGE_SECONDS,
  });
  await rememberDevice(user.id);
}

/** Sign-out: ends every session of the signed-in user (a copied cookie stops working too) and clears this one. */
export async function endSession(): Promise<void> {
  const user = await getSessionUser();
  if (user) await endAllSessions(user.id);
  // Secure and path as when set: a browser ignores a __Secure- cookie written without Secure.
  (await cookies()).delete({ name: SESSION_COOKIE.name, secure: SESSION_COOKIE.secure, path: "/" });
}
