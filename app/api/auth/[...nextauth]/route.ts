/*
 * next-auth's own endpoints are not served: its credentials callback was a second way in,
 * without the sign-in limits or role rules, and its HTML sign-in, sign-out and error pages
 * carry none of this app's security headers. Every /api/auth/* request answers 404. The app
 * signs in only through lib/auth/sign-in.ts (the sign-in page's action) and keeps next-auth
 * for its session token format (lib/auth/session-token.ts).
 *
 * A later OpenID Connect provider for staff would serve exactly its own sign-in and
 * callback paths here (next-auth with that provider alone), end its callback in
 * lib/auth/sign-in.ts's rules (landingPath for the role, the session version in the
 * token), and keep 404 for everything else.
 */
function notServed(): Response {
  return new Response("Not found.\n", {
    status: 404,
    headers: {
      "Content-Type": "text/plain; charset=utf-8",
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
    },
  });
}

export {
  notServed as GET,
  notServed as HEAD,
  notServed as POST,
  notServed as PUT,
  notServed as PATCH,
  notServed as DELETE,
  notServed as OPTIONS,
};
