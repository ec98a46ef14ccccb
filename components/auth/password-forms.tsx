"use client";

import Link from "next/link";
import { useActionState, useState, type ReactNode } from "react";
import {
  acceptInvitationAction,
  changePasswordAction,
  forgotPasswordAction,
  resetPasswordAction,
} from "@/lib/actions/password";
import { TextField } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { SubmitButton } from "@/components/ui/submit-button";
import { PASSWORD_MAX_BYTES, PASSWORD_MIN } from "@/lib/auth/password-form";
import { idleFormState, type FormState } from "@/lib/forms/form-state";

const fieldId = (name: string) => `password-${name}`;

function PasswordField({
  name,
  label,
  hint,
  state,
  autoComplete,
}: {
  name: string;
  label: string;
  hint?: string;
  state: FormState;
  autoComplete: string;
}) {
  // Controlled, so a refused form keeps what was typed (React resets a form's uncontrolled
  // fields after its action) without the server ever echoing a password back; cleared once
  // the password is changed.
  const [value, setValue] = useState("");
  const [answered, setAnswered] = useState(state);
  if (answered !== state) {
    setAnswered(state);
    if (state.status === "success") setValue("");
  }
  return (
    <TextField
      id={fieldId(name)}
      name={name}
      label={label}
      hint={hint}
      errors={state.fieldErrors?.[name]}
      type="password"
      autoComplete={autoComplete}
      maxLength={200}
      value={value}
      onChange={(event) => setValue(event.target.value)}
    />
  );
}

const NEW_HINT = `At least ${PASSWORD_MIN} characters and at most ${PASSWORD_MAX_BYTES}: accented letters, emoji and some symbols count as more than one.`;

/** "Forgot password": the address to mail a one-time link to. */
export function ForgotPasswordForm() {
  const [state, formAction] = useActionState(forgotPasswordAction, idleFormState);
  const labels = { email: "Email address" };
  return (
    <form action={formAction} noValidate className="space-y-4" aria-label="Reset a forgotten password">
      <FormAlert state={state} labels={labels} fieldId={fieldId} successTitle="Check your mail" />
      <TextField
        id={fieldId("email")}
        name="email"
        label={labels.email}
        errors={state.fieldErrors?.email}
        type="email"
        autoComplete="username"
        maxLength={320}
        defaultValue={state.values?.email ?? ""}
      />
      <SubmitButton pendingLabel="Sending…">Send me a link</SubmitButton>
    </form>
  );
}

/** The new password twice, with a one-time link's token: for a reset and for an invitation. */
function NewPasswordFields({
  token,
  state,
  formAction,
  title,
  submit,
}: {
  token: string;
  state: FormState;
  formAction: (formData: FormData) => void;
  title: string;
  submit: string;
}) {
  const labels = { password: "New password", confirm: "New password again" };
  return (
    <form action={formAction} noValidate className="space-y-4" aria-label={title}>
      <input type="hidden" name="token" value={token} />
      <FormAlert
        state={state}
        labels={labels}
        fieldId={fieldId}
        successTitle="Password changed"
        errorTitle="Password not set"
      />
      <PasswordField
        name="password"
        label={labels.password}
        hint={NEW_HINT}
        state={state}
        autoComplete="new-password"
      />
      <PasswordField name="confirm" label={labels.confirm} state={state} autoComplete="new-password" />
      <SubmitButton pendingLabel="Saving…">{submit}</SubmitButton>
    </form>
  );
}

/**
 * The new password, with the one-time link's token. A link that is not (or no longer)
 * live shows why, unless this form just used it: then its confirmation stays.
 */
export function ResetPasswordForm({ token, live, unusable }: { token: string; live: boolean; unusable: ReactNode }) {
  const [state, formAction] = useActionState(resetPasswordAction, idleFormState);
  if (!live && state.status !== "success") return unusable;
  if (state.status === "success") {
    return (
      <div className="space-y-3">
        <FormAlert state={state} labels={{}} fieldId={fieldId} successTitle="Password changed" />
        <Link className="font-semibold underline underline-offset-2" href="/sign-in">
          Sign in
        </Link>
      </div>
    );
  }
  return (
    <NewPasswordFields
      token={token}
      state={state}
      formAction={formAction}
      title="Choose a new password"
      submit="Set the new password"
    />
  );
}

/** An invitation's first password: on success the action signs the user in and sends them to their area. */
export function AcceptInvitationForm({ token, live, unusable }: { token: string; live: boolean; unusable: ReactNode }) {
  const [state, formAction] = useActionState(acceptInvitationAction, idleFormState);
  if (!live && state.status === "idle") return unusable;
  return (
    <NewPasswordFields
      token={token}
      state={state}
      formAction={formAction}
      title="Choose your password"
      submit="Set my password and sign in"
    />
  );
}

/** A signed-in user's own password change. */
export function ChangePasswordForm() {
  const [state, formAction] = useActionState(changePasswordAction, idleFormState);
  const labels = { current: "Current password", password: "New password", confirm: "New password again" };
  return (
    <form action={formAction} noValidate className="space-y-4" aria-label="Change your password">
      <FormAlert
        state={state}
        labels={labels}
        fieldId={fieldId}
        successTitle="Password changed"
        errorTitle="Password not changed"
      />
      <PasswordField name="current" label={labels.current} state={state} autoComplete="current-password" />
      <PasswordField
        name="password"
        label={labels.password}
        hint={NEW_HINT}
        state={state}
        autoComplete="new-password"
      />
      <PasswordField name="confirm" label={labels.confirm} state={state} autoComplete="new-password" />
      <SubmitButton pendingLabel="Saving…">Change password</SubmitButton>
    </form>
  );
}
