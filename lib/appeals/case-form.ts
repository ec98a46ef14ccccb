import { z } from "zod";
import { optionalEmail, optionalText } from "./form-text";

export const CASE_NOTE_MAX = 4000;
export const CASE_FIELD_NAMES = ["note", "contactEmail"];

/** "Report message": both fields are optional; the evidence bundle is what compliance needs. */
export const caseFormSchema = z.object({
  note: optionalText("your note", CASE_NOTE_MAX),
  contactEmail: optionalEmail,
});

export type CaseInput = z.infer<typeof caseFormSchema>;
