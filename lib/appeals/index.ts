export {
  APPEAL_QUESTIONS,
  APPEAL_FIELD_NAMES,
  EXPLANATION_MIN,
  EXPLANATION_MAX,
  ANSWER_MIN,
  ANSWER_MAX,
  appealFormSchema,
  appealQuestionLabel,
  parseAppealForm,
  type AppealInput,
  type AppealQuestion,
} from "./appeal-form";
export { CASE_FIELD_NAMES, CASE_NOTE_MAX, caseFormSchema, type CaseInput } from "./case-form";
export { REPLY_FIELD_NAMES, REPLY_MAX, replyFormSchema, type ReplyInput } from "./reply-form";
export { checkAppealEligibility, type Eligibility, type EligibilityInput } from "./eligibility";
export { cleanFormText, characterCount } from "./form-text";
export { fieldErrorsOf } from "@/lib/forms/field-errors";
export { generateReference, REFERENCE_PATTERN, type ReferenceKind } from "./reference";
export { DECISION_FIELD_NAMES, decisionFormSchema, type DecisionInput } from "./decision-form";
export {
  APPEAL_DECISIONS,
  DECISION_LABELS,
  DECISION_TEXT_MAX,
  DECISION_TEXT_MIN,
  type AppealDecision,
} from "./decision-labels";
