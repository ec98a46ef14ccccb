import "server-only";
import { decode, encode } from "next-auth/jwt";
import { env } from "@/lib/env";

/** A session lasts a working day at most; signing in again is cheap. */
export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

const useSecureCookies = (env.NEXTAUTH_URL ?? env.PUBLIC_BASE_URL).startsWith("https://");

/** The session cookie, named as next-auth names it (a later next-auth provider writes the same cookie). */
export const SESSION_COOKIE = {
  name: `${useSecureCookies ? "__Secure-" : ""}next-auth.session-token`,
  secure: useSecureCookies,
};

/** What a session token says: who, and the user's session version when it was issued. */
export interface SessionClaims {
  userId: string;
  sessionVersion: number;
}

/*
 * The token is next-auth's encrypted JWT (NEXTAUTH_SECRET), carrying only the user id
 * (`sub`) and the session version (`sv`). It proves nothing alone: lib/auth/session.ts
 * accepts it only while the user exists, is not disabled and still has that version.
 */
export async function issueSessionToken(claims: SessionClaims, secret: string): Promise<string> {
  return encode({ token: { sub: claims.userId, sv: claims.sessionVersion }, secret, maxAge: SESSION_MAX_AGE_SECONDS });
}

/** The claims of a token this app issued and that has not expired; null for anything else. */
export async function readSessionToken(token: string | undefined, secret: string): Promise<SessionClaims | null> {
  if (!token) return null;
  try {
    const claims = await decode({ token, secret });
    if (typeof claims?.sub !== "string" || typeof claims.sv !== "number") return null;
    return { userId: claims.sub, sessionVersion: claims.sv };
  } catch {
    return null; // tampered, signed with another secret, or not a token at all
  }
}
