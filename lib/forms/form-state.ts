/**
 * The one contract of every server action: `(prevState, formData) => FormState`.
 * `values` echoes what the user submitted so a rejected form keeps every keystroke,
 * with JavaScript on (useActionState) and off (the page re-renders with the state).
 */
export interface FormState<Values extends Record<string, string> = Record<string, string>> {
  status: "idle" | "success" | "error";
  message?: string;
  fieldErrors?: Partial<Record<keyof Values & string, string[]>>;
  values?: Partial<Values>;
  /** A reference the user can quote (appeal or case), on success. */
  reference?: string;
}

export const idleFormState: FormState = { status: "idle" };
