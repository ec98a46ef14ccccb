"use client";

import { useActionState } from "react";
import { signInAction } from "@/lib/actions/auth";
import { TextField } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { SubmitButton } from "@/components/ui/submit-button";
import { idleFormState } from "@/lib/forms/form-state";

const labels = { email: "Email address", password: "Password" };
const fieldId = (name: string) => `sign-in-${name}`;

/** Email and password; `next` is where the console sends the user afterwards. */
export function SignInForm({ next }: { next: string }) {
  const [state, formAction] = useActionState(signInAction, idleFormState);
  const errors = state.fieldErrors ?? {};
  return (
    <form action={formAction} noValidate className="space-y-4" aria-label="Sign in">
      <input type="hidden" name="next" value={next} />
      <FormAlert state={state} labels={labels} fieldId={fieldId} successTitle="Signed in" errorTitle="Not signed in" />
      <TextField
        id={fieldId("email")}
        name="email"
        label={labels.email}
        errors={errors.email}
        type="email"
        autoComplete="username"
        maxLength={320}
        defaultValue={state.values?.email ?? ""}
      />
      <TextField
        id={fieldId("password")}
        name="password"
        label={labels.password}
        errors={errors.password}
        type="password"
        autoComplete="current-password"
        maxLength={200}
      />
      <SubmitButton pendingLabel="Signing in…">Sign in</SubmitButton>
    </form>
  );
}
