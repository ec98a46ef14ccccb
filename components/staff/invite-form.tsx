"use client";

import { useActionState } from "react";
import { Field, Select, TextField } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { SubmitButton } from "@/components/ui/submit-button";
import { idleFormState, type FormState } from "@/lib/forms/form-state";

type Action = (prev: FormState, formData: FormData) => Promise<FormState>;

const labels = { email: "Email address", name: "Name", role: "Role", accountId: "Account (owners only)" };
const fieldId = (name: string) => `invite-${name}`;

/**
 * Invite someone by email: a plain form (it works without JavaScript) that keeps what the
 * admin typed when refused, and is empty again for the next invitation once one is sent.
 */
export function InviteForm({ invite, accounts }: { invite: Action; accounts: { id: string; name: string }[] }) {
  const [state, formAction] = useActionState(invite, idleFormState);
  const errors = state.fieldErrors ?? {};
  const value = (name: keyof typeof labels, fallback = "") =>
    state.status === "error" ? (state.values?.[name] ?? fallback) : fallback;
  return (
    <form action={formAction} noValidate className="space-y-4" aria-label="Invite a user">
      <FormAlert state={state} labels={labels} fieldId={fieldId} successTitle="Invitation sent" />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          key={`${state.status}-email`}
          name="email"
          id={fieldId("email")}
          label={labels.email}
          errors={errors.email}
          type="email"
          autoComplete="off"
          maxLength={320}
          defaultValue={value("email")}
        />
        <TextField
          key={`${state.status}-name`}
          name="name"
          id={fieldId("name")}
          label={labels.name}
          hint="As the console shows it."
          errors={errors.name}
          autoComplete="off"
          maxLength={400}
          defaultValue={value("name")}
        />
        <Field
          name="role"
          id={fieldId("role")}
          label={labels.role}
          hint="Staff decide review requests and cases; admins also manage users, templates and the audit log; an owner sees one account's portal."
          errors={errors.role}
        >
          {({ id, describedBy, invalid }) => (
            <Select
              key={`${state.status}-role`}
              id={id}
              name="role"
              defaultValue={value("role", "STAFF")}
              aria-describedby={describedBy}
              aria-invalid={invalid}
            >
              <option value="STAFF">Staff</option>
              <option value="ADMIN">Admin</option>
              <option value="OWNER">Account owner</option>
            </Select>
          )}
        </Field>
        <Field
          name="accountId"
          id={fieldId("accountId")}
          label={labels.accountId}
          hint="The account an owner sees; leave it for staff and admins."
          errors={errors.accountId}
        >
          {({ id, describedBy, invalid }) => (
            <Select
              key={`${state.status}-accountId`}
              id={id}
              name="accountId"
              defaultValue={value("accountId")}
              aria-describedby={describedBy}
              aria-invalid={invalid}
            >
              <option value="">No account (staff or admin)</option>
              {accounts.map((account) => (
                <option key={account.id} value={account.id}>
                  {account.name}
                </option>
              ))}
            </Select>
          )}
        </Field>
      </div>
      <SubmitButton pendingLabel="Sending…">Send invitation</SubmitButton>
    </form>
  );
}
