import { z } from "zod";

export const SIGN_IN_FIELD_NAMES = ["email", "password"] as const;

export const signInFormSchema = z.object({
  email: z.string().trim().min(1, "Enter your email address.").max(320, "This is longer than any email address.").pipe(z.email("Enter a whole email address, like name@example.net.")),
  password: z.string().min(1, "Enter your password.").max(200, "This is longer than any password here."),
});

export type SignInRole = "STAFF" | "ADMIN" | "OWNER";

const AREAS = { staff: /^\/staff(?:[/?#]|$)/, account: /^\/account(?:[/?#]|$)/ } as const;

/** Where each role works: compliance staff in the console, account owners in the portal. */
export const homeFor = (role: SignInRole): "/staff" | "/account" => (role === "OWNER" ? "/account" : "/staff");

/**
 * Where to go after signing in: a path inside the signed-in user's own area (the console
 * for staff, the portal for owners), as the sign-in page was asked for; anything else
 * (another site, a protocol-relative URL, the other role's area) goes to the user's home.
 * Without a role (before sign-in) a path in either area is kept, anything else is "".
 */
export function safeReturnPath(next: unknown, role?: SignInRole): string {
  const areas = role ? [role === "OWNER" ? AREAS.account : AREAS.staff] : [AREAS.staff, AREAS.account];
  if (typeof next !== "string" || next.includes("\\") || !areas.some((area) => area.test(next))) return role ? homeFor(role) : "";
  return next;
}
