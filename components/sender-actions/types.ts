import type { FormState } from "@/lib/forms/form-state";

/**
 * The hidden fields a form posts back to name the report: the link (id and secret) for the
 * sender, the report id alone for the account owner (whose session is the authority).
 * Every action checks them against the database.
 */
export type ReportLinkFields = Record<string, string>;

/** A server action with the forms' contract. */
export type FormAction = (state: FormState, formData: FormData) => Promise<FormState>;

/** The three actions the forms post to: the sender's by default, the owner portal's from /account. */
export interface ReportFormActions {
  requestReview: FormAction;
  reply: FormAction;
  reportMessage: FormAction;
}
