"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { landingPath } from "@/lib/auth/landing";
import {
  CHANGE_FIELD_NAMES,
  FORGOT_FIELD_NAMES,
  forgotPasswordSchema,
  RESET_FIELD_NAMES,
} from "@/lib/auth/password-form";
import { getSessionUser, startSession } from "@/lib/auth/session";
import { recordSignIn } from "@/lib/data/staff/audit-log";
import { acceptInvitation } from "@/lib/data/users/invitations";
import { changeOwnPassword, requestPasswordReset, resetPassword, RESET_LINK_MINUTES } from "@/lib/data/users/passwords";
import { fieldErrorsOf } from "@/lib/forms/field-errors";
import type { FormState } from "@/lib/forms/form-state";
import { clientAddress } from "@/lib/reports/report-request";
import { failureState, formText, readFormFields } from "./form-result";

/*
 * Password actions. "Forgot password" and the reset are for anyone (rate-limited like
 * signing in); changing the password needs a session. Passwords are never echoed back.
 */

export async function forgotPasswordAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const fields = readFormFields(formData, FORGOT_FIELD_NAMES);
  const parsed = forgotPasswordSchema.safeParse(fields);
  if (!parsed.success)
    return {
      status: "error",
      message: "Please check the highlighted fields.",
      fieldErrors: fieldErrorsOf(parsed.error),
      values: fields,
    };
  try {
    await requestPasswordReset({ email: parsed.data.email, client: clientAddress(await headers()) });
  } catch (error) {
    return failureState(error, fields, "forgot-password");
  }
  // The same answer whether or not a login uses the address.
  return {
    status: "success",
    message: `If a login uses ${parsed.data.email}, a link to choose a new password is on its way to it. The link works once, for ${RESET_LINK_MINUTES} minutes.`,
  };
}

export async function resetPasswordAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const fields = readFormFields(formData, RESET_FIELD_NAMES);
  try {
    await resetPassword({ token: formText(formData, "token"), fields, client: clientAddress(await headers()) });
    return {
      status: "success",
      message: "Your password is changed, and every session of yours has ended. Sign in with the new password.",
    };
  } catch (error) {
    return failureState(error, {}, "reset-password");
  }
}

export async function changePasswordAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const fields = readFormFields(formData, CHANGE_FIELD_NAMES);
  try {
    const user = await getSessionUser();
    if (!user) return { status: "error", message: "Your session has ended. Sign in again." };
    const fresh = await changeOwnPassword({ userId: user.id, fields });
    // Every other session ended with the change; this browser carries on with a new one.
    await startSession(fresh);
    return { status: "success", message: "Your password is changed. You were signed out everywhere else." };
  } catch (error) {
    return failureState(error, {}, "change-password");
  }
}

/**
 * The invited user chooses their first password with the invitation's link: the link is
 * used up, the session starts and they land in their area (console or portal).
 */
export async function acceptInvitationAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const fields = readFormFields(formData, RESET_FIELD_NAMES);
  let landing: string;
  try {
    const client = clientAddress(await headers());
    const user = await acceptInvitation({ token: formText(formData, "token"), fields, client });
    await recordSignIn({ email: user.email, client, outcome: { ok: true, userId: user.id }, method: "invitation" });
    await startSession(user);
    landing = landingPath(user.role, null) ?? "/sign-in";
  } catch (error) {
    return failureState(error, {}, "accept-invitation");
  }
  redirect(landing);
}
