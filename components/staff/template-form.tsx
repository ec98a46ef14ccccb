"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Field, Select, TextAreaField, TextField } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { SubmitButton } from "@/components/ui/submit-button";
import { APPEAL_DECISIONS, DECISION_LABELS, DECISION_TEXT_MAX } from "@/lib/appeals/decision-labels";
import { idleFormState, type FormState } from "@/lib/forms/form-state";

type Action = (prev: FormState, formData: FormData) => Promise<FormState>;

export interface TemplateValues {
  id: string;
  title: string;
  decision: string;
  reason: string;
  body: string;
}

const labels = { title: "Title", decision: "Decision", reason: "Block reason", body: "Text for the sender" };
const REASON_OPTIONS = [
  ["ANY", "Any reason"],
  ["SPAM", "Spam content"],
  ["ABUSE", "Abuse signals"],
  ["RATE", "Sending rate"],
] as const;

const DELETE_FORM = "delete-template";

/**
 * The one form every template's delete button submits (with the template's id as its
 * value). It stays on the page, so its confirmation outlives the template it deleted.
 */
export function DeleteTemplateForm({ remove }: { remove: Action }) {
  const [state, formAction] = useActionState(remove, idleFormState);
  return (
    <form id={DELETE_FORM} action={formAction} aria-label="Delete a template">
      <FormAlert
        state={state}
        labels={labels}
        fieldId={(name) => `${DELETE_FORM}-${name}`}
        successTitle="Template deleted"
      />
    </form>
  );
}

/**
 * Add a decision template (no `template`) or change one, with a button that deletes it
 * (through DeleteTemplateForm): plain forms that work without JavaScript and keep what the
 * admin typed when refused.
 */
export function TemplateForm({ save, template }: { save: Action; template?: TemplateValues }) {
  const [state, formAction] = useActionState(save, idleFormState);
  const prefix = template ? `template-${template.id}` : "template-new";
  const fieldId = (name: string) => `${prefix}-${name}`;
  const errors = state.fieldErrors ?? {};
  // After a refusal, what was typed; after an addition, an empty form for the next one.
  const value = (name: keyof TemplateValues, fallback = "") =>
    state.status === "error" ? (state.values?.[name] ?? fallback) : (template?.[name] ?? fallback);
  return (
    <div className="space-y-3">
      <form
        action={formAction}
        noValidate
        className="space-y-4"
        aria-label={template ? `Edit template ${template.title}` : "Add a template"}
      >
        {template ? <input type="hidden" name="id" value={template.id} /> : null}
        <FormAlert
          state={state}
          labels={labels}
          fieldId={fieldId}
          successTitle={template ? "Template saved" : "Template added"}
        />
        <div className="grid gap-4 sm:grid-cols-3">
          <TextField
            key={`${state.status}-${template?.title}`}
            name="title"
            id={fieldId("title")}
            label={labels.title}
            hint="3 to 80 characters; unique."
            errors={errors.title}
            maxLength={400}
            defaultValue={value("title")}
          />
          <Field name="decision" id={fieldId("decision")} label={labels.decision} errors={errors.decision}>
            {({ id, describedBy, invalid }) => (
              <Select
                key={`${state.status}-${template?.decision}`}
                id={id}
                name="decision"
                defaultValue={value("decision")}
                aria-describedby={describedBy}
                aria-invalid={invalid}
              >
                <option value="">Choose…</option>
                {APPEAL_DECISIONS.map((decision) => (
                  <option key={decision} value={decision}>
                    {DECISION_LABELS[decision]}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          <Field
            name="reason"
            id={fieldId("reason")}
            label={labels.reason}
            hint="Offered on blocks for this reason."
            errors={errors.reason}
          >
            {({ id, describedBy, invalid }) => (
              <Select
                key={`${state.status}-${template?.reason}`}
                id={id}
                name="reason"
                defaultValue={value("reason", "ANY")}
                aria-describedby={describedBy}
                aria-invalid={invalid}
              >
                {REASON_OPTIONS.map(([reason, label]) => (
                  <option key={reason} value={reason}>
                    {label}
                  </option>
                ))}
              </Select>
            )}
          </Field>
        </div>
        <TextAreaField
          key={`${state.status}-${template?.body}`}
          name="body"
          id={fieldId("body")}
          label={labels.body}
          hint="The reviewer can edit it before sending: 10 to 2,000 characters."
          errors={errors.body}
          rows={4}
          maxLength={DECISION_TEXT_MAX * 5}
          defaultValue={value("body")}
        />
        <div className="flex flex-wrap gap-3">
          <SubmitButton pendingLabel="Saving…">{template ? "Save template" : "Add template"}</SubmitButton>
          {template ? (
            // Beside Save, but it submits DeleteTemplateForm (the form attribute), not this form.
            <Button
              type="submit"
              form={DELETE_FORM}
              name="id"
              value={template.id}
              variant="secondary"
              aria-label={`Delete template ${template.title}`}
            >
              Delete template
            </Button>
          ) : null}
        </div>
      </form>
    </div>
  );
}
