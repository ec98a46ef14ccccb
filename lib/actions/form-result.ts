import "server-only";
import type { ReportAccess } from "@/lib/data/appeals/sender-link";
import { isAppError } from "@/lib/errors";
import type { FormState } from "@/lib/forms/form-state";
import { logger } from "@/lib/log";

/*
 * Shown for anything the user did not cause: a database restart, a lost connection, a
 * bug. The data functions write in one transaction, so a failure before the commit leaves
 * nothing behind and "try again" is safe; a retry of a request that did commit is
 * answered by the database's own rules ("already requested").
 */
export const TRY_AGAIN = "We could not save your request just now. Nothing was stored; please try again.";

// Echoed values are bounded: a form field is at most a few thousand characters, and a
// hostile post should not be mirrored back at full size.
const ECHO_LIMIT = 20_000;

export interface SenderForm {
  link: ReportAccess;
  /** Only the named fields, as the user typed them (strings; anything else is empty). */
  fields: Record<string, string>;
}

/*
 * An action's arguments are whatever the POST decoded to: a browser's form sends FormData,
 * but anyone can post an action id with a body of their own (`[null,null]`, a string, an
 * object), so the helpers take `unknown` and read anything but FormData as an empty form.
 * The data functions then answer it as they answer an empty form.
 */

/** A submitted form's text field; a missing field, a file or no form at all reads as empty. */
export function formText(formData: unknown, name: string): string {
  const value = formData instanceof FormData ? formData.get(name) : null;
  return typeof value === "string" ? value : "";
}

/** Every value of a repeated text field (checkboxes); no form at all reads as none. */
export function formTexts(formData: unknown, name: string): string[] {
  return formData instanceof FormData
    ? formData.getAll(name).filter((value): value is string => typeof value === "string")
    : [];
}

/** Only the named fields, as typed; nothing else in the form is looked at. */
export function readFormFields(formData: unknown, names: readonly string[]): Record<string, string> {
  return Object.fromEntries(names.map((name) => [name, formText(formData, name)]));
}

/**
 * Reads the report and the named fields from a sender's form: the link (id and secret)
 * from the form, or, for an account owner (`ownerId` from their session), the report id
 * alone (the data layer checks it belongs to their account).
 */
export function readSenderForm(formData: unknown, names: readonly string[], ownerId?: string): SenderForm {
  const link =
    ownerId !== undefined
      ? { ownerId, publicId: formText(formData, "publicId") }
      : { publicId: formText(formData, "id"), secret: formText(formData, "auth") };
  return { link, fields: readFormFields(formData, names) };
}

/** What the form shows again after a failure: the user's own text, bounded. */
export const echoValues = (fields: Record<string, string>) =>
  Object.fromEntries(Object.entries(fields).map(([name, value]) => [name, value.slice(0, ECHO_LIMIT)]));

/** Maps a failure to the form contract; unexpected errors are logged, never shown. */
export function failureState(error: unknown, fields: Record<string, string>, action: string): FormState {
  const values = echoValues(fields);
  if (isAppError(error)) {
    const fieldErrors = error.code === "INVALID" ? (error.details?.fieldErrors as FormState["fieldErrors"]) : undefined;
    return { status: "error", message: error.message, fieldErrors, values };
  }
  logger.error({ err: error, action }, "form action failed");
  return { status: "error", message: TRY_AGAIN, values };
}
