import "server-only";
import { APPEAL_FIELD_NAMES } from "@/lib/appeals/appeal-form";
import { submitAppeal } from "@/lib/data/appeals";
import type { FormState } from "@/lib/forms/form-state";
import { failureState, readSenderForm } from "../form-result";

/**
 * "Request review", minus the framework: the server action passes the request's client
 * key, tests call this directly. Always returns a FormState; it never throws.
 */
export async function submitAppealFromForm(formData: unknown, client: string, ownerId?: string): Promise<FormState> {
  const { link, fields } = readSenderForm(formData, APPEAL_FIELD_NAMES, ownerId);
  try {
    const { conversationReference: reference } = await submitAppeal({ link, fields, client });
    return {
      status: "success",
      reference,
      message: `Your review request ${reference} was received. A confirmation is on its way to ${fields.contactEmail?.trim()}.`,
    };
  } catch (error) {
    return failureState(error, fields, "request-review");
  }
}
