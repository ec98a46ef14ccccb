import type { FormState } from "./form-state";

/**
 * The answer of an action that asks first. `confirm` set: nothing changed, the form asks its
 * question (and this text says, to a post that did not come from the form, what to do).
 */
export type ConfirmState = FormState & { confirm?: string };

/** The field the question's "Yes, …" button sends; the action acts only with it. */
export const CONFIRM_FIELD = { name: "confirm", value: "yes" } as const;
/** The field the question's "Cancel" button sends. */
export const CANCEL_FIELD = { name: "step", value: "cancel" } as const;

/**
 * The first step of a destructive action, once the caller is known to be allowed to ask:
 * Cancel answers idle, a post without the confirmation answers `notYet` (nothing changes),
 * and null means the post carries the confirmation: go ahead.
 */
export function askFirst(formData: unknown, notYet: string): ConfirmState | null {
  const field = (name: string) => (formData instanceof FormData ? formData.get(name) : null);
  if (field(CANCEL_FIELD.name) === CANCEL_FIELD.value) return { status: "idle" };
  if (field(CONFIRM_FIELD.name) !== CONFIRM_FIELD.value) return { status: "idle", confirm: notYet };
  return null;
}
