"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { deviceCookie } from "@/lib/auth/device-cookie";
import { endSession, startSession } from "@/lib/auth/session";
import { signIn } from "@/lib/auth/sign-in";
import { SIGN_IN_FIELD_NAMES, signInFormSchema } from "@/lib/auth/sign-in-form";
import { isAppError } from "@/lib/errors";
import { formatWait } from "@/lib/evidence/format";
import { fieldErrorsOf } from "@/lib/forms/field-errors";
import type { FormState } from "@/lib/forms/form-state";
import { logger } from "@/lib/log";
import { clientAddress } from "@/lib/reports/report-request";
import { formText, readFormFields } from "./form-result";

const REFUSED = {
  wrong: "That email address and password do not match a login. Check both and try again.",
  // A role with nowhere to land (an owner bound to no account).
  "no-access": "This login has no console or account to open. Ask your administrator.",
} as const;

/*
 * The sign-in form's action, the app's only sign-in (lib/auth/sign-in.ts: limits and role
 * rules). Anyone may call it. The password is never echoed back or logged.
 */
export async function signInAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const values = { email: formText(formData, "email").slice(0, 320) };
  const parsed = signInFormSchema.safeParse(readFormFields(formData, SIGN_IN_FIELD_NAMES));
  if (!parsed.success)
    return {
      status: "error",
      message: "Please check the highlighted fields.",
      fieldErrors: fieldErrorsOf(parsed.error),
      values,
    };
  let landing: string;
  try {
    const result = await signIn({
      ...parsed.data,
      client: clientAddress(await headers()),
      next: formText(formData, "next"),
      device: await deviceCookie(),
    });
    if (!result.ok) {
      const message =
        result.reason === "rate-limited"
          ? `Too many sign-in attempts. Try again in ${formatWait(result.retryAfterSeconds)}.`
          : REFUSED[result.reason];
      return { status: "error", message, values };
    }
    await startSession(result.user);
    landing = result.landing;
  } catch (error) {
    if (isAppError(error)) return { status: "error", message: error.message, values };
    logger.error({ err: error, action: "sign-in" }, "sign-in failed");
    return { status: "error", message: "We could not sign you in just now. Please try again.", values };
  }
  redirect(landing);
}

/** Sign-out (a form post; Next checks its origin like every action's): ends every session of the user. */
export async function signOutAction(): Promise<void> {
  await endSession();
  redirect("/sign-in");
}
