import "server-only";
import type { AuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { verifyCredentials } from "@/lib/data/users/verify-credentials";
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
 * a removed user takes effect at once. The sign-in page posts to a server action
 * (app/actions/auth.ts) that checks the same credentials and writes the same token.
 */
export const authOptions: AuthOptions = {
  secret: env.NEXTAUTH_SECRET,
  useSecureCookies,
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: "/sign-in" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials) {
        if (!credentials?.email || !credentials.password) return null;
        const user = await verifyCredentials(credentials.email, credentials.password);
        return user && { id: user.id, email: user.email, name: user.name };
      },
    }),
  ],
  callbacks: {
    session({ session, token }) {
      return { ...session, userId: token.sub };
    },
  },
};
