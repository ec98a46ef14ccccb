import { z } from "zod";

export const INVITE_FIELD_NAMES = ["email", "name", "role", "accountId"] as const;

/** What an admin fills in to invite someone: an owner is bound to the account chosen for them. */
export const inviteFormSchema = z
  .object({
    email: z
      .string()
      .trim()
      .min(1, "Enter the email address to invite.")
      // Mail goes out to it: at most what SMTP carries.
      .max(254, "This is longer than an email address can be.")
      .pipe(z.email("Enter a whole email address, like name@example.net.")),
    name: z
      .string()
      .trim()
      .min(1, "Enter the name the console shows for them.")
      .max(120, "Use at most 120 characters.")
      // One line: a name is shown in lists and exports, and line breaks or other control
      // characters in it would only let it pose as something else there.
      .refine(
        (name) => !/[\u0000-\u001F\u007F-\u009F]/.test(name),
        "Write the name on one line, without control characters.",
      ),
    role: z.enum(["STAFF", "ADMIN", "OWNER"], "Choose staff, admin or account owner."),
    accountId: z.string().trim().max(100),
  })
  .refine((value) => value.role !== "OWNER" || value.accountId !== "", {
    message: "Choose the account this owner belongs to.",
    path: ["accountId"],
  });

export type InviteForm = z.infer<typeof inviteFormSchema>;
