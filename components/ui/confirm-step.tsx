"use client";

import { useEffect, useRef, type ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/submit-button";
import { CANCEL_FIELD, CONFIRM_FIELD, type ConfirmState } from "@/lib/forms/confirm";

/**
 * A destructive action's two steps, inside its form: `children` (the first button) until
 * the action answers with a question, then the question with "Yes, …" and "Cancel". Every
 * step is a post (the action asks, and acts only on a post with the confirmation, see
 * lib/forms/confirm.ts), so it works without JavaScript; the form's permalink fragment
 * brings the page back at the form. With JavaScript the question takes the focus, and
 * Cancel gives it back to the first button.
 */
export function ConfirmStep({
  state,
  question,
  detail,
  yes,
  pendingLabel,
  children,
}: {
  state: ConfirmState;
  /** The question, in bold ("Replace the link?"). */
  question: ReactNode;
  /** What happens, under the question. */
  detail?: ReactNode;
  /** The confirming button: "Yes, replace the link". */
  yes: string;
  /** Its label while the post is on its way: "Replacing…". */
  pendingLabel: string;
  children: ReactNode;
}) {
  const asking = Boolean(state.confirm);
  const box = useRef<HTMLDivElement>(null);
  const wasAsking = useRef(false);
  useEffect(() => {
    if (asking) box.current?.focus();
    // Cancelled: back where the user started (an answer, success or refusal, takes the focus itself).
    else if (wasAsking.current && state.status === "idle") box.current?.querySelector("button")?.focus();
    wasAsking.current = asking;
  }, [asking, state]);
  if (!asking)
    return (
      <div ref={box} className="space-y-3">
        {children}
      </div>
    );
  return (
    <div ref={box} tabIndex={-1} className="scroll-mt-4 space-y-3 outline-none">
      <Alert tone="warning" live>
        <p className="font-semibold [overflow-wrap:anywhere]">{question}</p>
        {detail ? <p className="mt-1">{detail}</p> : null}
      </Alert>
      <div className="flex flex-wrap gap-3">
        <SubmitButton
          variant="danger"
          name={CONFIRM_FIELD.name}
          value={CONFIRM_FIELD.value}
          pendingLabel={pendingLabel}
        >
          {yes}
        </SubmitButton>
        <SubmitButton
          variant="secondary"
          name={CANCEL_FIELD.name}
          value={CANCEL_FIELD.value}
          pendingLabel="Cancelling…"
        >
          Cancel
        </SubmitButton>
      </div>
    </div>
  );
}
