"use client";

import { useActionState } from "react";
import { requestReviewAction } from "@/lib/actions/sender-actions";
import { CheckboxField, TextAreaField, TextField } from "@/components/ui/field";
import { idleFormState } from "@/lib/forms/form-state";
import { Disclosure } from "./disclosure";
import { FormAlert } from "@/components/ui/form-alert";
import { ANCHORS, formPermalink, JUMP_TARGET_MARGIN } from "./anchors";
import { LinkFields } from "./link-fields";
import { SubmitButton } from "@/components/ui/submit-button";
import type { FormAction, ReportLinkFields } from "./types";
import { useSingleSubmit } from "./use-single-submit";

export interface ReviewQuestion {
  name: string;
  label: string;
  hint: string;
}

interface RequestReviewFormProps {
  link: ReportLinkFields;
  /** The questions for this block's reason (lib/appeals APPEAL_QUESTIONS). */
  questions: ReviewQuestion[];
  /** False once a review may not be requested (one is open, or the block ended): only a confirmation just given stays. */
  available: boolean;
  /** Where the form posts; the sender's action unless given (the owner portal passes its own). */
  action?: FormAction;
}

const fieldId = (name: string) => `review-${name}`;

// Far above the 4,000-character limit, so an over-long text gets the server's message
// rather than being cut silently; low enough that the whole form stays under the
// framework's request size limit.
const TEXT_MAX = 50_000;

/** "Request review": the appeal form, with questions that depend on the block's reason. */
export function RequestReviewForm({ link, questions, available, action }: RequestReviewFormProps) {
  const [state, formAction, pending] = useActionState(
    action ?? requestReviewAction,
    idleFormState,
    formPermalink(link, ANCHORS.reviewAlert),
  );
  const onSubmit = useSingleSubmit(pending);
  const errors = state.fieldErrors ?? {};
  const values = state.values ?? {};
  const labels: Record<string, string> = {
    contactEmail: "Your email address",
    explanation: "What happened and what you fixed",
    ...Object.fromEntries(questions.map((q) => [q.name, q.label])),
    trafficStopped: "Confirmation that the traffic has stopped",
  };
  // No longer offered: only the answer to the post just made stays (a double submission
  // without JavaScript shows the second one's "already requested").
  if (!available)
    return (
      <FormAlert
        state={state}
        labels={labels}
        fieldId={fieldId}
        successTitle="Review requested"
        id={ANCHORS.reviewAlert}
      />
    );
  const text = (name: string, rows: number, hint?: string) => (
    <TextAreaField
      key={name}
      id={fieldId(name)}
      name={name}
      label={labels[name]!}
      hint={hint}
      errors={errors[name]}
      rows={rows}
      maxLength={TEXT_MAX}
      defaultValue={values[name] ?? ""}
    />
  );
  return (
    <Disclosure id="request-review" summary="Request review" variant="primary" open={state.status !== "idle"}>
      <form action={formAction} onSubmit={onSubmit} noValidate className="space-y-4" aria-label="Request review">
        <LinkFields link={link} />
        <FormAlert
          state={state}
          labels={labels}
          fieldId={fieldId}
          successTitle="Review requested"
          id={ANCHORS.reviewAlert}
        />
        <p className="text-sm text-muted">
          Once the cause is fixed, tell us what happened and what changed. A member of our compliance team reads every
          request and answers on this page, with a written reason.
        </p>
        <TextField
          id={fieldId("contactEmail")}
          name="contactEmail"
          label={labels.contactEmail!}
          hint="We send the confirmation and the decision here."
          errors={errors.contactEmail}
          type="email"
          autoComplete="email"
          maxLength={320}
          defaultValue={values.contactEmail ?? ""}
          className={JUMP_TARGET_MARGIN}
        />
        {text("explanation", 6, "20 to 4,000 characters.")}
        {questions.map((q) => text(q.name, 3, q.hint))}
        <CheckboxField
          id={fieldId("trafficStopped")}
          name="trafficStopped"
          value="yes"
          defaultChecked={values.trafficStopped === "yes"}
          label="The traffic that caused this block has stopped."
          errors={errors.trafficStopped}
        />
        <SubmitButton pendingLabel="Sending your request…">Request review</SubmitButton>
      </form>
    </Disclosure>
  );
}
