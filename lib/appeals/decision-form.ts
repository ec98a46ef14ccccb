import { z } from "zod";
import { APPEAL_DECISIONS, DECISION_TEXT_MAX, DECISION_TEXT_MIN } from "./decision-labels";
import { requiredText } from "./form-text";

export const DECISION_FIELD_NAMES = ["decision", "text"] as const;

/**
 * A reviewer's decision. Every decision carries written words, which the sender reads on
 * the report and in the mail: the reason for approving or declining, or the question.
 */
export const decisionFormSchema = z.object({
  decision: z.enum(APPEAL_DECISIONS, { error: "Choose what to do with the request." }),
  text: requiredText("the reason or question", DECISION_TEXT_MIN, DECISION_TEXT_MAX),
});

export type DecisionInput = z.infer<typeof decisionFormSchema>;
