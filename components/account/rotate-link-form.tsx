"use client";

import { useActionState } from "react";
import { rotateLinkAction, type RotateLinkState } from "@/lib/actions/account";
import { FormAlert } from "@/components/ui/form-alert";
import { SubmitButton } from "@/components/ui/submit-button";
import { idleFormState } from "@/lib/forms/form-state";

/**
 * "Replace the link": the report's link from the bounce stops working (410) and the page,
 * refreshed by the action (or rendered after the post, without JavaScript), shows the new
 * one as the current link above the form.
 */
export function RotateLinkForm({ publicId }: { publicId: string }) {
  const [state, formAction] = useActionState<RotateLinkState, FormData>(rotateLinkAction, idleFormState);
  return (
    <form action={formAction} className="space-y-3" aria-label="Replace the report link">
      <input type="hidden" name="publicId" value={publicId} />
      <FormAlert
        state={state}
        labels={{}}
        fieldId={(name) => name}
        successTitle="Link replaced"
        errorTitle="Link not replaced"
      />
      <p className="text-sm text-muted">
        If the link from the bounce reached someone it should not have, replace it: the old link stops working at once
        (it answers &ldquo;gone&rdquo;) and the new one is shown above. This page keeps working for you either way.
      </p>
      <SubmitButton pendingLabel="Replacing…">Replace the link</SubmitButton>
    </form>
  );
}
