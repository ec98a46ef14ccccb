"use client";

import { useActionState } from "react";
import { rotateLinkAction, type RotateLinkState } from "@/lib/actions/account";
import { FormAlert } from "@/components/ui/form-alert";
import { SubmitButton } from "@/components/ui/submit-button";
import { idleFormState } from "@/lib/forms/form-state";

/**
 * "Replace the link": the report's link from the bounce stops working (410) and a new one
 * is shown here, once, to copy. Nothing can show it again: only its digest is stored.
 */
export function RotateLinkForm({ publicId }: { publicId: string }) {
  const [state, formAction] = useActionState<RotateLinkState, FormData>(rotateLinkAction, idleFormState);
  return (
    <form action={formAction} className="space-y-3" aria-label="Replace the report link">
      <input type="hidden" name="publicId" value={publicId} />
      <FormAlert state={state} labels={{}} fieldId={(name) => name} successTitle="Link replaced" />
      {state.url ? (
        <div className="space-y-1">
          <label htmlFor="new-report-link" className="block text-sm font-semibold">
            New report link
          </label>
          <input
            id="new-report-link"
            readOnly
            value={state.url}
            className="block w-full rounded-md border border-line bg-sunken px-3 py-2 font-mono text-xs text-ink"
          />
        </div>
      ) : null}
      <p className="text-sm text-muted">
        If the link from the bounce reached someone it should not have, replace it: the old link stops working at once
        (it answers &ldquo;gone&rdquo;) and the new one is shown here once. This page keeps working for you either way.
      </p>
      <SubmitButton pendingLabel="Replacing…">Replace the link</SubmitButton>
    </form>
  );
}
