"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { endSession, startSession } from "@/lib/auth/session";
import { safeReturnPath, SIGN_IN_FIELD_NAMES, signInFormSchema } from "@/lib/auth/sign-in-form";
import { consumeRateLimit } from "@/lib/data/rate-limit";
import { verifyCredentials } from "@/lib/data/users/verify-credentials";
import { isAppError } from "@/lib/errors";
import { fieldErrorsOf } from "@/lib/forms/field-errors";
import type { FormState } from "@/lib/forms/form-state";
import { logger } from "@/lib/log";
import { clientAddress } from "@/lib/reports/report-request";
import { formText, readFormFields } from "./form-result";

const WRONG = "That email address and password do not match a login. Check both and try again.";
const WINDOW_SECONDS = 15 * 60;

/*
 * Sign-in for the staff console and the owner portal: each role lands in its own area
 * (staff on /staff, owners on /account). Anyone may call it. Password guessing is limited per
 * client and per address, in Postgres. The password is never echoed back or logged.
 */
export async function signInAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const values = { email: formText(formData, "email").slice(0, 320) };
  const parsed = signInFormSchema.safeParse(readFormFields(formData, SIGN_IN_FIELD_NAMES));
  if (!parsed.success) return { status: "error", message: "Please check the highlighted fields.", fieldErrors: fieldErrorsOf(parsed.error), values };
  let home: string;
  try {
    const client = clientAddress(await headers());
    for (const [key, limit] of [[`sign-in:client:${client}`, 30], [`sign-in:email:${parsed.data.email.toLowerCase()}`, 10]] as const) {
      const result = await consumeRateLimit(key, limit, WINDOW_SECONDS);
      if (!result.allowed) {
        return { status: "error", message: `Too many sign-in attempts. Try again in ${Math.ceil(result.retryAfterSeconds / 60)} minutes.`, values };
      }
    }
    const user = await verifyCredentials(parsed.data.email, parsed.data.password);
    if (!user || (user.role === "OWNER" && !user.accountId)) return { status: "error", message: WRONG, values };
    await startSession(user);
    home = safeReturnPath(formText(formData, "next"), user.role);
  } catch (error) {
    if (isAppError(error)) return { status: "error", message: error.message, values };
    logger.error({ err: error, action: "sign-in" }, "sign-in failed");
    return { status: "error", message: "We could not sign you in just now. Please try again.", values };
  }
  redirect(home);
}

export async function signOutAction(): Promise<void> {
  await endSession();
  redirect("/sign-in");
}
