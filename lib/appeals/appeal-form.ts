import { z } from "zod";
import type { BlockReason } from "@/lib/generated/prisma/enums";
import { requiredEmail, requiredText } from "./form-text";

/** Limits shared by the form, the server action and the database's CHECK constraints. */
export const EXPLANATION_MIN = 20;
export const EXPLANATION_MAX = 4000;
export const ANSWER_MIN = 10;
export const ANSWER_MAX = 2000;

export interface AppealQuestion {
  /** The form field name and the key in `appeal.answers`. */
  name: string;
  label: string;
  hint: string;
}

/**
 * What a reviewer needs to know depends on why the sender was blocked. The keys are stored
 * in `appeal.answers`, so the staff console can show each answer beside its question.
 */
export const APPEAL_QUESTIONS: Record<BlockReason, AppealQuestion[]> = {
  SPAM: [
    {
      name: "contentChanges",
      label: "What changed in the content",
      hint: "For example: removed the link shortener, added a plain-text part, stopped the template that scored highest.",
    },
  ],
  ABUSE: [
    {
      name: "listSource",
      label: "How the list was collected",
      hint: "Where the addresses came from: sign-up form, customer accounts, an import, a purchased list …",
    },
    {
      name: "optIn",
      label: "How recipients opted in",
      hint: "For example: double opt-in with a confirmation email since 1 March.",
    },
    {
      name: "removedAddresses",
      label: "What was removed",
      hint: "Which addresses or segments you removed, and roughly how many.",
    },
    {
      name: "unsubscribePath",
      label: "The unsubscribe path",
      hint: "How a recipient unsubscribes: List-Unsubscribe header, one-click link, reply address.",
    },
  ],
  RATE: [
    {
      name: "newRate",
      label: "The new sending rate or batching",
      hint: "For example: at most 200 messages per minute, in batches of 1,000 every 10 minutes.",
    },
  ],
};

/** Every form field name an appeal can have, for echoing submitted values back. */
export const APPEAL_FIELD_NAMES = [
  "contactEmail",
  "explanation",
  "trafficStopped",
  ...new Set(Object.values(APPEAL_QUESTIONS).flatMap((questions) => questions.map((q) => q.name))),
];

const trafficStopped = z.preprocess(
  (value) => value === "yes" || value === "on" || value === "true",
  z.literal(true, { error: "Please confirm that the traffic that caused the block has stopped." }),
);

function answersSchema(reason: BlockReason) {
  const shape: Record<string, ReturnType<typeof requiredText>> = {};
  for (const question of APPEAL_QUESTIONS[reason]) {
    shape[question.name] = requiredText(question.label.toLowerCase(), ANSWER_MIN, ANSWER_MAX);
  }
  return shape;
}

/** The review-request form for a block with this primary reason. */
export function appealFormSchema(reason: BlockReason) {
  return z.object({
    contactEmail: requiredEmail,
    explanation: requiredText("your explanation of what happened and what you fixed", EXPLANATION_MIN, EXPLANATION_MAX),
    trafficStopped,
    ...answersSchema(reason),
  });
}

export interface AppealInput {
  contactEmail: string;
  explanation: string;
  /** The reason-specific answers, keyed by {@link AppealQuestion.name}. */
  answers: Record<string, string>;
}

/** Validates raw form fields for `reason`; on success splits them into an {@link AppealInput}. */
export function parseAppealForm(reason: BlockReason, fields: Record<string, unknown>) {
  const result = appealFormSchema(reason).safeParse(fields);
  if (!result.success) return { success: false as const, error: result.error };
  const { contactEmail, explanation, ...rest } = result.data;
  const answers: Record<string, string> = {};
  for (const question of APPEAL_QUESTIONS[reason])
    answers[question.name] = String(rest[question.name as keyof typeof rest]);
  return { success: true as const, data: { contactEmail, explanation, answers } satisfies AppealInput };
}

/** The question text for an answer key, whichever reason it belongs to. */
export function appealQuestionLabel(name: string): string {
  for (const questions of Object.values(APPEAL_QUESTIONS)) {
    const found = questions.find((q) => q.name === name);
    if (found) return found.label;
  }
  return name;
}
