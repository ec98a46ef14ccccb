import "server-only";
import { CASE_FIELD_NAMES } from "@/lib/appeals/case-form";
import { reportMessage } from "@/lib/data/cases";
import type { FormState } from "@/lib/forms/form-state";
import { failureState, readSenderForm } from "../form-result";

/** "Report message", minus the framework (see submitAppealFromForm). Never throws. */
export async function reportMessageFromForm(formData: unknown, client: string, ownerId?: string): Promise<FormState> {
  const { link, fields } = readSenderForm(formData, [...CASE_FIELD_NAMES, "submissionId"], ownerId);
  try {
    const result = await reportMessage({ link, fields, client });
    const what = result.duplicate
      ? "This report was already sent"
      : result.newCase
        ? "The report was sent to our compliance team"
        : "Your message was added to the open case";
    return {
      status: "success",
      reference: result.conversationReference,
      // One reference, the one the whole conversation goes by; the evidence digest is for staff (the case record, their mail).
      message: `${what}: your reference is ${result.conversationReference}. They reply on this page${fields.contactEmail?.trim() ? " and by mail" : ""}.`,
    };
  } catch (error) {
    return failureState(error, { note: fields.note ?? "", contactEmail: fields.contactEmail ?? "" }, "report-message");
  }
}
