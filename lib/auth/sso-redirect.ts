import "server-only";
import { env } from "@/lib/env";

/** Why single sign-on did not sign someone in, as the sign-in page's `sso` parameter names it. */
export const SSO_MESSAGES = {
  failed:
    "Single sign-on did not complete: the sign-in was interrupted, took longer than 10 minutes, or was started in another browser. Try again.",
  unavailable: "Single sign-on is not available just now. Try again in a moment, or sign in with your password.",
  unverified:
    "Your identity provider has not verified your email address, so it cannot be matched to a login here. Verify it there, or sign in with your password.",
  unknown:
    "No staff login here uses the email address your identity provider gave. Ask an admin to invite that address.",
  "not-staff":
    "Single sign-on is for the compliance team. Account owners sign in with their email address and password.",
  disabled: "This login is disabled. Ask an admin to enable it.",
  "identity-changed":
    "This login is linked to a different person's identity at your identity provider, so your single sign-on cannot open it. If the address is yours now, ask an admin to disable the login and enable it again: that clears the link.",
  "invitation-expired":
    "Your invitation has expired, so it cannot be accepted by single sign-on. Ask an admin to send it again.",
  "rate-limited": "Too many sign-in attempts from here. Try again in 15 minutes.",
} as const;

export type SsoMessage = keyof typeof SSO_MESSAGES;

export const ssoMessage = (code: unknown): string | null =>
  typeof code === "string" && Object.hasOwn(SSO_MESSAGES, code) ? SSO_MESSAGES[code as SsoMessage] : null;

const HEADERS = { "Cache-Control": "no-store", "Referrer-Policy": "no-referrer", "X-Content-Type-Options": "nosniff" };

/** A 303 to `location` (an absolute URL elsewhere, or a path on this app's public address). */
export function seeOther(location: string, extra: Record<string, string> = {}): Response {
  const target = /^https?:\/\//.test(location) ? location : new URL(location, env.PUBLIC_BASE_URL).href;
  return new Response(null, { status: 303, headers: { ...HEADERS, ...extra, Location: target } });
}

/** Back to the sign-in page with a refusal's message (by its name: the page never echoes text from the URL). */
export function backToSignIn(code: SsoMessage, next: string): Response {
  const params = new URLSearchParams({ sso: code });
  if (next) params.set("next", next);
  return seeOther(`/sign-in?${params}`);
}

export function notServed(): Response {
  return new Response("Not found.\n", {
    status: 404,
    headers: { ...HEADERS, "Content-Type": "text/plain; charset=utf-8" },
  });
}
