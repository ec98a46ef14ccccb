"use client";

import { useActionState } from "react";
import { TextAreaField } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { Section } from "@/components/ui/section";
import { SubmitButton } from "@/components/ui/submit-button";
import { idleFormState, type FormState } from "@/lib/forms/form-state";

interface NoteActionFormProps {
  action: (prev: FormState, formData: FormData) => Promise<FormState>;
  /** What the action acts on (a report id, a case reference). */
  hidden: Record<string, string>;
  /** Prefix of the field ids: two of these forms may share a page. */
  idPrefix: string;
  name: string;
  label: string;
  hint: string;
  ariaLabel: string;
  submitLabel: string;
  pendingLabel: string;
  successTitle: string;
  /**
   * False once done: only the confirmation just given stays, with the focus. A post just
   * refused keeps the form, its error and the text typed, even where the page would no
   * longer offer it (a review request arrived meanwhile, say), so that text is not lost.
   */
  available: boolean;
  /** A card of its own around the form while it is available. */
  section?: { id: string; title: string; description: string };
}

/** A staff action that needs one written text: lift a block with a reason, close a case with a note. */
export function NoteActionForm(props: NoteActionFormProps) {
  const [state, formAction] = useActionState(props.action, idleFormState);
  const fieldId = (name: string) => `${props.idPrefix}-${name}`;
  const labels = { [props.name]: props.label };
  if (!props.available && state.status !== "error")
    return <FormAlert state={state} labels={labels} fieldId={fieldId} successTitle={props.successTitle} />;
  const form = (
    <form action={formAction} noValidate className="space-y-4" aria-label={props.ariaLabel}>
      {Object.entries(props.hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <FormAlert state={state} labels={labels} fieldId={fieldId} successTitle={props.successTitle} />
      <TextAreaField
        id={fieldId(props.name)}
        name={props.name}
        label={props.label}
        hint={props.hint}
        errors={state.fieldErrors?.[props.name]}
        rows={3}
        maxLength={10_000}
        defaultValue={state.status === "error" ? (state.values?.[props.name] ?? "") : ""}
      />
      <SubmitButton pendingLabel={props.pendingLabel}>{props.submitLabel}</SubmitButton>
    </form>
  );
  if (!props.section) return form;
  return (
    <Section id={props.section.id} title={props.section.title} description={props.section.description}>
      {form}
    </Section>
  );
}
