import { env } from "@/lib/env";
import type { UserRole } from "@/lib/generated/prisma/enums";

/**
 * Where each role works once signed in; null: the role cannot sign in (yet). A signed-in
 * user is sent back to the page they asked for only when it lies inside their area.
 */
const HOME: Readonly<Record<UserRole, string | null>> = {
  STAFF: "/staff",
  ADMIN: "/staff",
  OWNER: "/account",
};

const APP_ORIGIN = new URL(env.PUBLIC_BASE_URL).origin;

/**
 * A requested return address as a path on this app's own origin, or null. It is parsed
 * the way a browser will (WHATWG URL, against the app's origin): dot segments resolved,
 * `\` read as `/`, tabs and newlines dropped, so `/staff/../..//evil.example` is seen as
 * the `//evil.example` it becomes. Other origins, schemes (`javascript:`), protocol-relative
 * paths and encoded slashes are refused; the result is the normalised path, never the input.
 */
export function sameOriginPath(requested: unknown, origin: string = APP_ORIGIN): string | null {
  if (typeof requested !== "string" || requested === "" || requested.length > 2000) return null;
  let url: URL;
  try {
    url = new URL(requested, origin);
  } catch {
    return null;
  }
  if (url.origin !== new URL(origin).origin) return null;
  const path = url.pathname;
  if (!path.startsWith("/") || path.startsWith("//") || /%2f|%5c/i.test(path)) return null;
  return `${path}${url.search}${url.hash}`;
}

/**
 * Where a user with `role` lands after signing in, having asked for `requested` (the
 * sign-in page's `next`): that page when it is a same-origin path inside the role's area,
 * otherwise the area's start. Null when the role has nowhere to land: it may not sign in.
 */
export function landingPath(role: UserRole, requested: unknown): string | null {
  const home = HOME[role];
  if (!home) return null;
  const path = sameOriginPath(requested);
  const inside =
    path !== null && path.startsWith(home) && (path.length === home.length || "/?#".includes(path.charAt(home.length)));
  return inside ? path : home;
}
