/*
 * next-auth's own endpoints are not served: its credentials callback was a second way in,
 * without the sign-in limits or role rules, and its HTML sign-in, sign-out and error pages
 * carry none of this app's security headers. Every /api/auth/* request answers 404. The app
 * signs in only through lib/auth/sign-in.ts (the sign-in page's action) and keeps next-auth
 * for its session token format (lib/auth/session-token.ts).
 *
 * Single sign-on for staff (OpenID Connect) does not open anything here either: it runs in
 * the app's own route handlers, /sign-in/sso and /sign-in/sso/callback, with openid-client,
 * and ends in lib/auth/sign-in.ts's rules (docs/single-sign-on.md says why).
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
