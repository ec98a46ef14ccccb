"use client";

import { useActionState } from "react";
import { rotateLinkAction, type RotateLinkState } from "@/lib/actions/account";
import { ConfirmStep } from "@/components/ui/confirm-step";
import { FormAlert } from "@/components/ui/form-alert";
import { SubmitButton } from "@/components/ui/submit-button";
import { idleFormState } from "@/lib/forms/form-state";

const ANSWER = "rotate-link-answer";

/**
 * "Replace the link", in two steps: the first press only asks (the link the sender has stops
 * working at once and for good), "Yes, replace the link" rotates it (ConfirmStep: both are
 * posts, so the question works without JavaScript too; the action itself rotates only with
 * the confirmation in the form). The report's link from the bounce then answers 410 ("This
 * report link was replaced") and the page, refreshed by the action (or rendered after the
 * post, without JavaScript), shows the new one as the current link above the form.
 */
export function RotateLinkForm({ publicId }: { publicId: string }) {
  const [state, formAction] = useActionState<RotateLinkState, FormData>(
    rotateLinkAction,
    idleFormState,
    `/account/blocks/${encodeURIComponent(publicId)}#${ANSWER}`,
  );
  return (
    <form id={ANSWER} action={formAction} className="scroll-mt-4 space-y-3" aria-label="Replace the report link">
      <input type="hidden" name="publicId" value={publicId} />
      <FormAlert
        state={state}
        labels={{}}
        fieldId={(name) => name}
        successTitle="Link replaced"
        errorTitle="Link not replaced"
      />
      <ConfirmStep
        state={state}
        question="Replace the link?"
        detail={state.confirm}
        yes="Yes, replace the link"
        pendingLabel="Replacing…"
      >
        <p className="text-sm text-muted">
          If the link from the bounce reached someone it should not have, replace it: the old link stops working at once
          and for good (it shows &ldquo;This report link was replaced&rdquo;) and you send the sender the new one. This
          page keeps working for you either way.
        </p>
        <SubmitButton variant="secondary" pendingLabel="Asking…">
          Replace the link
        </SubmitButton>
      </ConfirmStep>
    </form>
  );
}
