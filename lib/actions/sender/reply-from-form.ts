import "server-only";
import { REPLY_FIELD_NAMES } from "@/lib/appeals/reply-form";
import { replyToInfoRequest } from "@/lib/data/appeals";
import type { FormState } from "@/lib/forms/form-state";
import { failureState, readSenderForm } from "../form-result";

/** The answer to a reviewer's question, minus the framework. Never throws. */
export async function replyFromForm(formData: unknown, client: string, ownerId?: string): Promise<FormState> {
  const { link, fields } = readSenderForm(formData, REPLY_FIELD_NAMES, ownerId);
  try {
    const { reference } = await replyToInfoRequest({ link, fields, client });
    return {
      status: "success",
      reference,
      message: `Your answer was added to review request ${reference}. It is back with the reviewer.`,
    };
  } catch (error) {
    return failureState(error, fields, "reply-to-info-request");
  }
}
