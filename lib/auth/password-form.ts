import { z } from "zod";

export const PASSWORD_MIN = 12;

const newPassword = z
  .string()
  .min(
    PASSWORD_MIN,
    `Use at least ${PASSWORD_MIN} characters: a few words together are easy to remember and hard to guess.`,
  )
  .max(200, "Use at most 200 characters.");

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
