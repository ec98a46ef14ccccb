import "server-only";
import { getPageSessionUser, isOwner, isStaff } from "@/lib/auth/session";

/**
 * Where a 404 under /account or /staff sends the signed-in visitor back to: the console for
 * staff (the owner portal answers them 404), their portal for an owner (another account's
 * report is a 404 too); nothing when signed out. Only for those segments' not-found pages,
 * which render per session anyway: the root one must not read the session.
 */
export async function notFoundHome(): Promise<{ href: string; label: string } | null> {
  const user = await getPageSessionUser();
  if (isStaff(user)) return { href: "/staff", label: "Go to the console" };
  if (isOwner(user)) return { href: "/account", label: "Go to your portal" };
  return null;
}
