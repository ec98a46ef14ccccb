import { z } from "zod";

export const PASSWORD_MIN = 12;

/**
 * bcrypt reads only the first 72 bytes of a password (UTF-8): a longer one would be stored
 * as its first 72 bytes, and anything after them would sign in too. A new password over it
 * is refused (OWASP Password Storage Cheat Sheet); signing in takes any length, so a
 * password set before this limit keeps working as it always did.
 */
export const PASSWORD_MAX_BYTES = 72;

export const passwordBytes = (password: string): number => new TextEncoder().encode(password).length;

/** What a new password's field says when it is over PASSWORD_MAX_BYTES. */
export function tooLongMessage(bytes: number): string {
  const over = bytes - PASSWORD_MAX_BYTES;
  return (
    `Use at most ${PASSWORD_MAX_BYTES} bytes: ${PASSWORD_MAX_BYTES} plain letters, digits or spaces, fewer with accented letters or emoji. ` +
    `This one is ${bytes} bytes: shorten it by ${over} ${over === 1 ? "byte" : "bytes"}.`
  );
}

const newPassword = z
  .string()
  .min(
    PASSWORD_MIN,
    `Use at least ${PASSWORD_MIN} characters: a few words together are easy to remember and hard to guess.`,
  )
  .superRefine((password, ctx) => {
    const bytes = passwordBytes(password);
    if (bytes > PASSWORD_MAX_BYTES) ctx.addIssue({ code: "custom", message: tooLongMessage(bytes) });
  });

const confirmed = <T extends { password: string; confirm: string }>(value: T) => value.password === value.confirm;
const CONFIRM = { message: "Type the same new password twice.", path: ["confirm"] };

export const FORGOT_FIELD_NAMES = ["email"] as const;
export const RESET_FIELD_NAMES = ["password", "confirm"] as const;
export const CHANGE_FIELD_NAMES = ["current", "password", "confirm"] as const;

export const forgotPasswordSchema = z.object({
  email: z
    .string()
    .trim()
    .min(1, "Enter your email address.")
    .max(320, "This is longer than any email address.")
    .pipe(z.email("Enter a whole email address, like name@example.net.")),
});

export const resetPasswordSchema = z.object({ password: newPassword, confirm: z.string() }).refine(confirmed, CONFIRM);

export const changePasswordSchema = z
  .object({
    current: z.string().min(1, "Enter your current password.").max(200, "This is longer than any password here."),
    password: newPassword,
    confirm: z.string(),
  })
  .refine(confirmed, CONFIRM);
