// Plain constants, no zod: the decision form in the browser imports these.

export const DECISION_TEXT_MIN = 10;
export const DECISION_TEXT_MAX = 2000;

/** What a reviewer can do with an open review request. */
export const APPEAL_DECISIONS = ["approve", "deny", "ask"] as const;
export type AppealDecision = (typeof APPEAL_DECISIONS)[number];

export const DECISION_LABELS: Record<AppealDecision, string> = {
  approve: "Approve and lift the block",
  deny: "Decline: the block stays",
  ask: "Ask the sender for more information",
};
