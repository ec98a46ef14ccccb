import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from "react";

const CONTROL =
  "block w-full rounded-md border border-control-line bg-surface px-3 py-2 text-base text-ink placeholder:text-muted aria-[invalid=true]:border-danger";

interface FieldProps {
  name: string;
  /** Defaults to `field-<name>`; set it when two forms on a page share a field name. */
  id?: string;
  label: string;
  hint?: ReactNode;
  errors?: string[];
  children: (ids: { id: string; describedBy: string | undefined; invalid: boolean }) => ReactNode;
}

/**
 * Label, control, hint and errors wired together for screen readers. Stretched by a grid row,
 * the control goes to the bottom of the field, so controls side by side line up whether or
 * not a field has a hint, and their labels stay lined up at the top. In a filter form's
 * `filter-grid` (app/globals.css) the label and hint, the control and the error are three
 * rows shared across the fields of a row: an error under one control does not lift it above
 * the others.
 */
export function Field({ name, id = `field-${name}`, label, hint, errors, children }: FieldProps) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = errors?.length ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  return (
    <div className="flex flex-col gap-1">
      <div className="mb-auto flex flex-col gap-1">
        <label htmlFor={id} className="block text-sm font-semibold">
          {label}
        </label>
        {hint ? (
          <p id={hintId} className="text-sm text-muted">
            {hint}
          </p>
        ) : null}
      </div>
      {children({ id, describedBy, invalid: Boolean(errorId) })}
      {errorId ? <FieldError id={errorId} errors={errors!} /> : null}
    </div>
  );
}

/** The message under a control; the square marks it without relying on colour. */
export function FieldError({ id, errors }: { id: string; errors: string[] }) {
  return (
    <p id={id} className="text-sm font-medium text-danger">
      <span aria-hidden="true">■ </span>
      {errors.join(" ")}
    </p>
  );
}

export function TextInput(props: InputHTMLAttributes<HTMLInputElement>) {
  return <input {...props} className={`${CONTROL} ${props.className ?? ""}`} />;
}

export function TextArea(props: TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return <textarea {...props} className={`${CONTROL} min-h-32 ${props.className ?? ""}`} />;
}

/** As tall as a text input (Chromium draws a select 3 px shorter), so the two line up in a row. */
export function Select(props: SelectHTMLAttributes<HTMLSelectElement>) {
  return <select {...props} className={`${CONTROL} h-10.5 ${props.className ?? ""}`} />;
}

interface SelectFieldProps {
  name: string;
  id?: string;
  label: string;
  hint?: ReactNode;
  /** The value selected when the page opens (a filter's current value). */
  defaultValue?: string;
  /** The choices, each as [value, label]. */
  options: readonly (readonly [value: string, label: string])[];
  /** A first choice with the empty value ("Any reason"), when the field may be left open. */
  any?: string;
}

/** A labelled select, as the filter forms use it. */
export function SelectField({ name, id, label, hint, defaultValue, options, any }: SelectFieldProps) {
  return (
    <Field name={name} id={id} label={label} hint={hint}>
      {({ id: selectId, describedBy }) => (
        <Select id={selectId} name={name} defaultValue={defaultValue ?? ""} aria-describedby={describedBy}>
          {any === undefined ? null : <option value="">{any}</option>}
          {options.map(([value, text]) => (
            <option key={value} value={value}>
              {text}
            </option>
          ))}
        </Select>
      )}
    </Field>
  );
}

interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, "name" | "id"> {
  name: string;
  id?: string;
  label: string;
  hint?: ReactNode;
  errors?: string[];
}

/** A labelled text input (any text-like `type`), its hint and errors wired as in Field. */
export function TextField({ name, id, label, hint, errors, ...props }: TextFieldProps) {
  return (
    <Field name={name} id={id} label={label} hint={hint} errors={errors}>
      {({ id: inputId, describedBy, invalid }) => (
        <TextInput {...props} id={inputId} name={name} aria-describedby={describedBy} aria-invalid={invalid} />
      )}
    </Field>
  );
}

interface TextAreaFieldProps extends Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "name" | "id"> {
  name: string;
  id?: string;
  label: string;
  hint?: ReactNode;
  errors?: string[];
}

/** A labelled textarea, its hint and errors wired as in Field. */
export function TextAreaField({ name, id, label, hint, errors, ...props }: TextAreaFieldProps) {
  return (
    <Field name={name} id={id} label={label} hint={hint} errors={errors}>
      {({ id: textAreaId, describedBy, invalid }) => (
        <TextArea {...props} id={textAreaId} name={name} aria-describedby={describedBy} aria-invalid={invalid} />
      )}
    </Field>
  );
}

interface CheckboxFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, "type" | "name"> {
  name: string;
  label: ReactNode;
  errors?: string[];
}

/** A checkbox with its label beside it; errors below, wired for screen readers like Field. */
export function CheckboxField({ name, id = `field-${name}`, label, errors, ...props }: CheckboxFieldProps) {
  const errorId = errors?.length ? `${id}-error` : undefined;
  return (
    <div className="space-y-1">
      <div className="flex items-start gap-3">
        <input
          {...props}
          type="checkbox"
          id={id}
          name={name}
          aria-invalid={Boolean(errorId)}
          aria-describedby={errorId}
          className="mt-0.5 size-5 shrink-0 accent-accent"
        />
        <label htmlFor={id} className="text-sm font-semibold">
          {label}
        </label>
      </div>
      {errorId ? <FieldError id={errorId} errors={errors!} /> : null}
    </div>
  );
}

interface RadioGroupFieldProps {
  name: string;
  id?: string;
  legend: string;
  options: { value: string; label: string }[];
  defaultValue?: string;
  errors?: string[];
}

/** One choice out of a few, as radio buttons in a fieldset; errors wired like Field. */
export function RadioGroupField({
  name,
  id = `field-${name}`,
  legend,
  options,
  defaultValue,
  errors,
}: RadioGroupFieldProps) {
  const errorId = errors?.length ? `${id}-error` : undefined;
  return (
    <fieldset id={id} aria-describedby={errorId} className="space-y-2">
      <legend className="text-sm font-semibold">{legend}</legend>
      {options.map((option) => (
        <div key={option.value} className="flex items-center gap-3">
          <input
            type="radio"
            id={`${id}-${option.value}`}
            name={name}
            value={option.value}
            defaultChecked={defaultValue === option.value}
            className="size-5 shrink-0 accent-accent"
          />
          <label htmlFor={`${id}-${option.value}`} className="text-sm">
            {option.label}
          </label>
        </div>
      ))}
      {errorId ? <FieldError id={errorId} errors={errors!} /> : null}
    </fieldset>
  );
}
