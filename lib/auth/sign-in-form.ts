import { z } from "zod";

export const SIGN_IN_FIELD_NAMES = ["email", "password"] as const;

export const signInFormSchema = z.object({
  email: z
    .string()
    .trim()
    .min(1, "Enter your email address.")
    .max(320, "This is longer than any email address.")
    .pipe(z.email("Enter a whole email address, like name@example.net.")),
  password: z.string().min(1, "Enter your password.").max(200, "This is longer than any password here."),
});
