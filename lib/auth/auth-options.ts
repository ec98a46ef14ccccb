import "server-only";
import type { AuthOptions } from "next-auth";
import { env } from "@/lib/env";

/** A staff or owner session lasts a working day; signing in again is cheap. */
export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

const useSecureCookies = (env.NEXTAUTH_URL ?? env.PUBLIC_BASE_URL).startsWith("https://");

/** The session cookie, named as next-auth names it, so getServerSession reads what the sign-in action writes. */
export const SESSION_COOKIE = {
  name: `${useSecureCookies ? "__Secure-" : ""}next-auth.session-token`,
  secure: useSecureCookies,
};

/*
 * next-auth with JWT sessions: the token carries only the user id; the role and account
 * are read from the database on every request (lib/auth/session.ts), so a changed role or
 * a removed user takes effect at once. The app signs in only through lib/auth/sign-in.ts
 * (the sign-in page's action), which writes the token; next-auth serves no endpoint and
 * has no provider, so nothing else can issue one.
 */
export const authOptions: AuthOptions = {
  secret: env.NEXTAUTH_SECRET,
  useSecureCookies,
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  providers: [],
  callbacks: {
    session({ session, token }) {
      return { ...session, userId: token.sub };
    },
  },
};
