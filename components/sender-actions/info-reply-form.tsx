"use client";

import { useActionState } from "react";
import { replyToInfoRequestAction } from "@/app/actions/sender-actions";
import { Field, TextArea } from "@/components/ui/field";
import { idleFormState } from "@/lib/forms/form-state";
import { FormAlert } from "@/components/ui/form-alert";
import { LinkFields } from "./link-fields";
import { SubmitButton } from "@/components/ui/submit-button";
import type { FormAction, ReportLinkFields } from "./types";
import { useSingleSubmit } from "./use-single-submit";

const fieldId = (name: string) => `reply-${name}`;
const labels = { body: "Your answer" };

/**
 * The answer to the reviewer's question. The question itself is shown above it by the
 * report's review status; the form is open, not folded: it is what the sender came for.
 */
export function InfoReplyForm({ link, reference, available, action }: { link: ReportLinkFields; reference: string; available: boolean; action?: FormAction }) {
  const [state, formAction, pending] = useActionState(action ?? replyToInfoRequestAction, idleFormState);
  const onSubmit = useSingleSubmit(pending);
  // No question open (any more): only a confirmation just given stays on screen.
  if (!available) return <FormAlert state={state} labels={labels} fieldId={fieldId} successTitle="Answer sent" />;
  return (
    <form action={formAction} onSubmit={onSubmit} noValidate className="space-y-4 rounded-md border border-line p-4" aria-label={`Answer the reviewer (${reference})`}>
      <LinkFields link={link} />
      <FormAlert state={state} labels={labels} fieldId={fieldId} successTitle="Answer sent" />
      <Field id={fieldId("body")} name="body" label={labels.body} hint="Up to 4,000 characters. It goes to the reviewer of your request." errors={state.fieldErrors?.body}>
        {({ id, describedBy, invalid }) => (
          <TextArea id={id} name="body" rows={5} maxLength={50_000} defaultValue={state.values?.body ?? ""} aria-describedby={describedBy} aria-invalid={invalid} />
        )}
      </Field>
      <SubmitButton pendingLabel="Sending your answer…">Send answer</SubmitButton>
    </form>
  );
}
