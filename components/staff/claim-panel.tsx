"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Field, Select } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { idleFormState, type FormState } from "@/lib/forms/form-state";

interface ClaimPanelProps {
  action: (prev: FormState, formData: FormData) => Promise<FormState>;
  reference: string;
  /** Who has it and since when, in words, worked out on the server (no clock differences). */
  status: string;
  canClaim: boolean;
  canRelease: boolean;
  /** Admins reassign to any reviewer in this list. */
  assignees?: { id: string; name: string; email: string }[];
  holderId?: string;
}

/** Who is working on a queue item, with claim / release / reassign: one plain form, works without JavaScript. */
export function ClaimPanel({ action, reference, status, canClaim, canRelease, assignees, holderId }: ClaimPanelProps) {
  const [state, formAction] = useActionState(action, idleFormState);
  const fieldId = (name: string) => `claim-${reference}-${name}`;
  return (
    <form
      action={formAction}
      noValidate
      aria-label={`Claim ${reference}`}
      className="space-y-3 rounded-md border border-line bg-sunken p-3"
    >
      <input type="hidden" name="reference" value={reference} />
      <FormAlert
        state={state}
        labels={{ assignee: "Reassign to" }}
        fieldId={fieldId}
        successTitle="Claim updated"
        errorTitle="Claim not changed"
      />
      <p className="text-sm" id={fieldId("status")}>
        {status}
      </p>
      <div className="flex flex-wrap items-end gap-3">
        {canClaim ? (
          <Button type="submit" name="op" value="claim">
            Claim
          </Button>
        ) : null}
        {canRelease ? (
          <Button type="submit" name="op" value="release" variant="secondary">
            Release
          </Button>
        ) : null}
        {assignees ? (
          <>
            <Field name="assignee" id={fieldId("assignee")} label="Reassign to" errors={state.fieldErrors?.assignee}>
              {({ id, describedBy, invalid }) => (
                <Select
                  id={id}
                  name="assignee"
                  defaultValue={state.values?.assignee ?? holderId ?? ""}
                  aria-describedby={describedBy}
                  aria-invalid={invalid}
                >
                  <option value="">Choose a reviewer</option>
                  {assignees.map((a) => (
                    <option key={a.id} value={a.id}>{`${a.name} (${a.email})`}</option>
                  ))}
                </Select>
              )}
            </Field>
            <Button type="submit" name="op" value="reassign" variant="secondary">
              Reassign
            </Button>
          </>
        ) : null}
      </div>
    </form>
  );
}
