import type { EvidenceItem } from "@/lib/evidence";
import type { ActorType, AppealStatus, BlockReason, BlockStatus, EventType } from "@/lib/generated/prisma/enums";

/*
 * The report as its reader may see it: what the page renders, what the JSON variant
 * returns (lib/reports/report-json.md) and what the sender actions build on. Plain data only:
 * every time is an ISO 8601 string in UTC, every text field is exactly as stored, so
 * evidence strings are attacker-written and must be rendered as text.
 */

export interface ReportTarget {
  /** The SMTP user (login) the block applies to. */
  smtpUser: string;
  /** One sender address under that SMTP user, or null when the whole SMTP user is blocked. */
  senderAddress: string | null;
}

export interface ReportScores {
  spam: number;
  abuse: number;
  rate: number;
  combined: number;
  /** The combined score at or above which the relay blocks. */
  threshold: number;
}

export interface ReportEvent {
  type: EventType;
  actor: ActorType;
  at: string;
  /** Only the documented, non-identifying fields of the event's data. */
  details: {
    level?: number;
    attempts?: number;
    appealReference?: string;
    caseReference?: string;
    decision?: string;
    reason?: string;
    /** A reversed decision that left the block as it was (it had ended before: lifted by the relay, expired). */
    blockUnchanged?: true;
  };
}

export interface ReportAppealMessage {
  author: ActorType;
  body: string;
  at: string;
}

export interface ReportAppeal {
  reference: string;
  status: AppealStatus;
  submittedAt: string;
  explanation: string;
  /** The reviewer's question while the status is NEEDS_INFO. */
  infoRequest: string | null;
  /** The written reason of an APPROVED or DENIED decision. */
  decisionReason: string | null;
  decidedAt: string | null;
  messages: ReportAppealMessage[];
}

export interface ReportCase {
  reference: string;
  createdAt: string;
  /** SHA-256 (hex) of the evidence bundle frozen when the case was opened. */
  bundleDigest: string;
}

/**
 * One entry of the conversation between the sender and compliance about this block: review
 * requests, questions and answers, decisions, messages to compliance and staff replies, oldest
 * first. Staff members' internal notes are never part of it.
 */
export interface ReportConversationItem {
  kind: "review_request" | "question" | "answer" | "approved" | "declined" | "message" | "reply" | "closed";
  /** OWNER: the account's owner, acting from the portal (/account) as the sender can. */
  author: "SENDER" | "OWNER" | "STAFF";
  at: string;
  /** Null for a report sent without a note, and for a closed case (its closing words are the reply before it). */
  body: string | null;
  /** The request or case it belongs to (staff look these up); the sender quotes `conversationReference`. */
  reference: string;
}

export type AppealBlocker = "ended" | "open_appeal" | "cooldown";

/** Whether the sender may request a review now, and if not, why and from when. */
export interface AppealEligibility {
  allowed: boolean;
  blocker: AppealBlocker | null;
  /** With `cooldown`: when a new request becomes possible. */
  availableAt: string | null;
}

export interface ReportView {
  publicId: string;
  status: BlockStatus;
  reason: BlockReason;
  target: ReportTarget;
  scores: ReportScores;
  escalationLevel: number;
  /** Sending attempts refused while the block was active. */
  attemptCount: number;
  /** The exact SMTP reply the relay sent. */
  smtpReply: string;
  createdAt: string;
  updatedAt: string;
  /** Null: the block lasts until it is reviewed. */
  expiresAt: string | null;
  /** When the block was lifted or expired; null while it is in force. */
  endedAt: string | null;
  liftReason: string | null;
  evidence: EvidenceItem[];
  /** Oldest first. */
  events: ReportEvent[];
  latestAppeal: ReportAppeal | null;
  openCase: ReportCase | null;
  /** The one reference the sender quotes for everything about this block: its first review request's or case's. */
  conversationReference: string | null;
  /** Oldest first. */
  conversation: ReportConversationItem[];
  canAppeal: AppealEligibility;
}
