"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Field, Select } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { idleFormState, type FormState } from "@/lib/forms/form-state";

type Action = (prev: FormState, formData: FormData) => Promise<FormState>;

interface UserControlsProps {
  changeRole: Action;
  setDisabled: Action;
  user: { id: string; email: string; role: "STAFF" | "ADMIN" | "OWNER"; disabled: boolean };
  /** The signed-in admin's own row: nothing to change here. */
  self: boolean;
}

/** One user's role and access, as two plain forms (they work without JavaScript). */
export function UserControls({ changeRole, setDisabled, user, self }: UserControlsProps) {
  const [roleState, roleAction] = useActionState(changeRole, idleFormState);
  const [accessState, accessAction] = useActionState(setDisabled, idleFormState);
  if (self) return <p className="text-sm text-muted">Your own login: another admin changes it.</p>;
  const fieldId = (name: string) => `user-${user.id}-${name}`;
  return (
    <div className="space-y-2">
      {user.role !== "OWNER" ? (
        <form
          action={roleAction}
          noValidate
          aria-label={`Role of ${user.email}`}
          className="flex flex-wrap items-end gap-2"
        >
          <input type="hidden" name="userId" value={user.id} />
          <FormAlert state={roleState} labels={{ role: "Role" }} fieldId={fieldId} successTitle="Role changed" />
          <Field name="role" id={fieldId("role")} label="Role" errors={roleState.fieldErrors?.role}>
            {({ id, describedBy, invalid }) => (
              <Select
                key={user.role}
                id={id}
                name="role"
                defaultValue={roleState.status === "error" ? roleState.values?.role : user.role}
                aria-describedby={describedBy}
                aria-invalid={invalid}
              >
                <option value="STAFF">Staff</option>
                <option value="ADMIN">Admin</option>
              </Select>
            )}
          </Field>
          <Button type="submit" variant="secondary">
            Change role
          </Button>
        </form>
      ) : null}
      <form action={accessAction} noValidate aria-label={`Access of ${user.email}`} className="space-y-2">
        <input type="hidden" name="userId" value={user.id} />
        <FormAlert
          state={accessState}
          labels={{}}
          fieldId={fieldId}
          successTitle={user.disabled ? "Login disabled" : "Login enabled"}
        />
        {user.disabled ? (
          <Button type="submit" name="op" value="enable" variant="secondary">
            Enable login
          </Button>
        ) : (
          <Button type="submit" name="op" value="disable" variant="danger">
            Disable login
          </Button>
        )}
      </form>
    </div>
  );
}
