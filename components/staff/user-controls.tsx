"use client";

import { useActionState, useEffect, useRef } from "react";
import { Button } from "@/components/ui/button";
import { Field, Select } from "@/components/ui/field";
import { ConfirmStep } from "@/components/ui/confirm-step";
import { FormAlert } from "@/components/ui/form-alert";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ConfirmState } from "@/lib/forms/confirm";
import { idleFormState, type FormState } from "@/lib/forms/form-state";

type Action = (prev: FormState, formData: FormData) => Promise<FormState>;
type ConfirmAction = (prev: ConfirmState, formData: FormData) => Promise<ConfirmState>;

const INVITATION_FORM = "manage-invitation";

/**
 * The one form every invitation's resend and revoke buttons submit (with the operation and
 * the user's id as the button's value). It stays on the page, so its confirmation outlives
 * the row of a revoked invitation. Revoking asks first: the question (ConfirmStep) appears
 * here, above the list, and takes the focus; Cancel gives it back to the row's Revoke button.
 */
export function ManageInvitationForm({
  manage,
  invited,
}: {
  manage: ConfirmAction;
  /** The pending invitations, to name the one the question is about. */
  invited: { id: string; email: string }[];
}) {
  const [state, formAction] = useActionState<ConfirmState, FormData>(
    manage,
    idleFormState,
    `/staff/users#${INVITATION_FORM}`,
  );
  const asked = state.confirm ? (state.values?.invitation ?? "") : "";
  const email = invited.find((user) => `revoke:${user.id}` === asked)?.email;
  const lastAsked = useRef("");
  useEffect(() => {
    if (asked) lastAsked.current = asked;
    else if (lastAsked.current && state.status === "idle") {
      const revoke = document.querySelector<HTMLButtonElement>(
        `button[form="${INVITATION_FORM}"][value="${CSS.escape(lastAsked.current)}"]`,
      );
      revoke?.focus();
      lastAsked.current = "";
    }
  }, [asked, state]);
  return (
    <form
      id={INVITATION_FORM}
      action={formAction}
      aria-label="Resend or revoke an invitation"
      className="scroll-mt-4 space-y-3"
    >
      <FormAlert
        state={state}
        labels={{}}
        fieldId={(name) => `${INVITATION_FORM}-${name}`}
        successTitle="Invitation updated"
      />
      {asked ? (
        <>
          <input type="hidden" name="invitation" value={asked} />
          <ConfirmStep
            state={state}
            question={email ? `Revoke the invitation to ${email}?` : "Revoke this invitation?"}
            detail="Its link stops working and the login is removed; you can invite the address again."
            yes="Yes, revoke the invitation"
            pendingLabel="Revoking…"
          >
            {null}
          </ConfirmStep>
        </>
      ) : null}
    </form>
  );
}

interface UserControlsProps {
  changeRole: Action;
  /** Asks before it disables (ConfirmStep). */
  setDisabled: ConfirmAction;
  /** `invited`: an invitation not accepted yet (resend or revoke it instead of disabling the login). */
  user: { id: string; email: string; role: "STAFF" | "ADMIN" | "OWNER"; disabled: boolean; invited: boolean };
  /** The signed-in admin's own row: nothing to change here. */
  self: boolean;
}

/** One user's role and access (or their pending invitation), as plain forms (they work without JavaScript). */
export function UserControls({ changeRole, setDisabled, user, self }: UserControlsProps) {
  const [roleState, roleAction] = useActionState(changeRole, idleFormState);
  const fieldId = (name: string) => `user-${user.id}-${name}`;
  const accessId = fieldId("access");
  // Without JavaScript the page comes back at this user's access form, with its question or answer.
  const [accessState, accessAction] = useActionState<ConfirmState, FormData>(
    setDisabled,
    idleFormState,
    `/staff/users#${accessId}`,
  );
  if (self) return <p className="text-sm text-muted">Your own login: another admin changes it.</p>;
  return (
    // A floor, as the page's other columns have: a narrow table scrolls instead of squeezing the
    // question "Disable login" asks to a few letters a line (on a phone each row is a card).
    <div className="min-w-60 space-y-2">
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
      {user.invited ? (
        // These buttons submit the page's one invitation form (ManageInvitationForm), whose
        // message stays on the page when a revoked invitation's row is gone.
        <div className="flex flex-wrap gap-2">
          <Button
            type="submit"
            form={INVITATION_FORM}
            name="invitation"
            value={`resend:${user.id}`}
            variant="secondary"
            aria-label={`Resend the invitation to ${user.email}`}
          >
            Resend invitation
          </Button>
          <Button
            type="submit"
            form={INVITATION_FORM}
            name="invitation"
            value={`revoke:${user.id}`}
            variant="secondary"
            aria-label={`Revoke the invitation to ${user.email}`}
          >
            Revoke invitation
          </Button>
        </div>
      ) : (
        <form
          id={accessId}
          action={accessAction}
          noValidate
          aria-label={`Access of ${user.email}`}
          className="scroll-mt-4 space-y-2"
        >
          <input type="hidden" name="userId" value={user.id} />
          <input type="hidden" name="op" value={user.disabled ? "enable" : "disable"} />
          <FormAlert
            state={accessState}
            labels={{}}
            fieldId={fieldId}
            successTitle={user.disabled ? "Login disabled" : "Login enabled"}
          />
          {user.disabled ? (
            <SubmitButton variant="secondary" pendingLabel="Enabling…">
              Enable login
            </SubmitButton>
          ) : (
            // Disabling ends every session of the user at once: it asks first.
            <ConfirmStep
              state={accessState}
              question={`Disable ${user.email}'s login?`}
              detail="They are signed out everywhere at once and cannot sign in until an admin enables the login again."
              yes="Yes, disable the login"
              pendingLabel="Disabling…"
            >
              <SubmitButton variant="secondary" pendingLabel="Asking…">
                Disable login
              </SubmitButton>
            </ConfirmStep>
          )}
        </form>
      )}
    </div>
  );
}
