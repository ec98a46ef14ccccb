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

/** The characters of `password` as a person counts them: an emoji or an accented letter is one, however it is encoded. */
const charactersOf = (password: string) =>
  [...new Intl.Segmenter("en", { granularity: "grapheme" }).segment(password)].map((part) => part.segment);

/** How many characters to take off the end of `password` to bring it within PASSWORD_MAX_BYTES. */
function charactersOver(password: string): number {
  let bytes = passwordBytes(password);
  const characters = charactersOf(password);
  let removed = 0;
  while (bytes > PASSWORD_MAX_BYTES) bytes -= passwordBytes(characters[characters.length - 1 - removed++]!);
  return removed;
}

/**
 * What a new password's field says when it is over PASSWORD_MAX_BYTES, in characters, not
 * bytes: exactly how many to remove when every character counts as one (plain letters,
 * digits, spaces and ASCII symbols), and otherwise how many off its end would do.
 */
export function tooLongMessage(password: string): string {
  const characters = charactersOf(password).length;
  const over = charactersOver(password);
  if (characters === passwordBytes(password))
    return `This password is too long: use at most ${PASSWORD_MAX_BYTES} characters. It has ${characters}: remove ${over} ${over === 1 ? "character" : "characters"}.`;
  return (
    `This password is too long: use fewer characters (accented letters, emoji and some symbols count as more than one). ` +
    `Removing the last ${over === 1 ? "character" : `${over} characters`} is enough.`
  );
}

const newPassword = z
  .string()
  .min(
    PASSWORD_MIN,
    `Use at least ${PASSWORD_MIN} characters: a few words together are easy to remember and hard to guess.`,
  )
  .superRefine((password, ctx) => {
    if (passwordBytes(password) > PASSWORD_MAX_BYTES)
      ctx.addIssue({ code: "custom", message: tooLongMessage(password) });
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
