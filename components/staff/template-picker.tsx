import { Button } from "@/components/ui/button";
import { Field, Select } from "@/components/ui/field";
import { DECISION_LABELS, type AppealDecision } from "@/lib/appeals/decision-labels";

interface TemplatePickerProps {
  publicId: string;
  templates: { id: string; title: string; decision: AppealDecision }[];
  chosen?: string;
}

/**
 * Starts the decision from a saved text: a GET form that reloads the report with
 * `?template=<id>`, and the server fills the decision form with it (works without
 * JavaScript; nothing is changed or sent until the reviewer records the decision).
 */
export function TemplatePicker({ publicId, templates, chosen }: TemplatePickerProps) {
  if (templates.length === 0) return null;
  const decisions = [...new Set(templates.map((template) => template.decision))];
  return (
    <form
      method="get"
      action={`/staff/reports/${encodeURIComponent(publicId)}#decision-text`}
      aria-label="Start from a template"
      className="flex flex-wrap items-end gap-3 rounded-md border border-line bg-sunken p-3"
    >
      {/* The choice and its button on one row where they fit (the Decide column stays short
          enough for "Record decision" to be in view at 1280 × 800); the button wraps below on a phone. */}
      <div className="min-w-0 flex-1 basis-40">
        <Field
          name="template"
          id="decision-template"
          label="Start from a template"
          hint="Fills in the form; edit it before sending."
        >
          {({ id, describedBy }) => (
            <Select id={id} name="template" defaultValue={chosen ?? ""} aria-describedby={describedBy}>
              <option value="">Choose one</option>
              {decisions.map((decision) => (
                <optgroup key={decision} label={DECISION_LABELS[decision]}>
                  {templates
                    .filter((template) => template.decision === decision)
                    .map((template) => (
                      <option key={template.id} value={template.id}>
                        {template.title}
                      </option>
                    ))}
                </optgroup>
              ))}
            </Select>
          )}
        </Field>
      </div>
      <Button type="submit" variant="secondary">
        Use template
      </Button>
    </form>
  );
}
