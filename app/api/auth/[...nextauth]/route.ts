import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/auth-options";

// next-auth's own endpoints (session, CSRF token, credentials callback, sign-out) for
// clients that use them; the sign-in page itself posts to a server action.
const handler = NextAuth(authOptions);

export { handler as GET, handler as POST };
