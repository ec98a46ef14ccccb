"use client";

import { useActionState } from "react";
import { decideAppealAction } from "@/lib/actions/staff";
import { RadioGroupField, TextAreaField } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { SubmitButton } from "@/components/ui/submit-button";
import { DECISION_LABELS, DECISION_TEXT_MAX, type AppealDecision } from "@/lib/appeals/decision-labels";
import { idleFormState } from "@/lib/forms/form-state";

const fieldId = (name: string) => `decision-${name}`;
const labels = { decision: "Decision", text: "Reason or question for the sender" };

interface DecisionFormProps {
  reference: string;
  /** What may be decided now (a question is not offered while one is open); empty once decided. */
  choices: AppealDecision[];
  /** A saved template the reviewer chose to start from: preselected and in the text box, to edit before sending. */
  initial?: { id: string; decision: AppealDecision; text: string };
  /** The block ended while the request waited (lifted by the relay, expired): a decision neither lifts nor keeps it. */
  blockEnded?: "LIFTED" | "EXPIRED";
}

function labelsFor(blockEnded: DecisionFormProps["blockEnded"]): Record<AppealDecision, string> {
  if (!blockEnded) return DECISION_LABELS;
  const ended = blockEnded === "LIFTED" ? "has already been lifted" : "has already expired";
  return {
    ...DECISION_LABELS,
    approve: `Approve (the block ${ended})`,
    deny: `Decline (the block ${ended}; declining does not put it back)`,
  };
}

/**
 * The reviewer's decision on one request. Once it is decided the form is no longer
 * offered, but stays mounted as its confirmation, which keeps the focus.
 */
export function DecisionForm({ reference, choices, initial, blockEnded }: DecisionFormProps) {
  const [state, formAction] = useActionState(decideAppealAction, idleFormState);
  const alert = (
    <FormAlert
      state={state}
      labels={labels}
      fieldId={fieldId}
      successTitle="Decision recorded"
      errorTitle="Decision not recorded"
    />
  );
  // Nothing left to decide: only the answer to the post just made (FormAlert shows nothing before one).
  if (choices.length === 0) return alert;
  const errors = state.fieldErrors ?? {};
  return (
    // Keyed by the template: choosing another one fills the fields afresh, while the answer to the last post (the state) stays.
    <form
      key={initial?.id ?? "blank"}
      action={formAction}
      noValidate
      className="space-y-4"
      aria-label={`Decide on ${reference}`}
    >
      <input type="hidden" name="reference" value={reference} />
      {alert}
      <RadioGroupField
        id={fieldId("decision")}
        name="decision"
        legend={labels.decision}
        options={choices.map((choice) => ({ value: choice, label: labelsFor(blockEnded)[choice] }))}
        defaultValue={state.status === "error" ? state.values?.decision : initial?.decision}
        errors={errors.decision}
      />
      <TextAreaField
        id={fieldId("text")}
        name="text"
        label={labels.text}
        hint="The sender reads this on the report and in the mail, word for word: 10 to 2,000 characters."
        errors={errors.text}
        rows={5}
        // Shorter in the wide layout's Decide column, so the whole form fits beside the evidence.
        className="xl:h-28 xl:min-h-24"
        maxLength={DECISION_TEXT_MAX * 5}
        defaultValue={state.status === "error" ? (state.values?.text ?? "") : (initial?.text ?? "")}
      />
      <SubmitButton pendingLabel="Recording the decision…">Record decision</SubmitButton>
    </form>
  );
}
