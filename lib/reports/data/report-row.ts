import "server-only";
import { evidenceItemSchema, type EvidenceItem } from "@/lib/evidence";
import type { ActorType, EventType } from "@/lib/generated/prisma/enums";
import { logger } from "@/lib/log";
import { decideAppealEligibility } from "@/lib/reports/appeal-eligibility";
import type { ReportAppeal, ReportEvent, ReportScores, ReportTarget, ReportView } from "../report-view";

/**
 * The JSON document the report statement returns: the view's own fields where they are
 * stored as shown, flat where the view nests them, timestamps as Postgres writes them
 * (normalised to ISO by toReportView), evidence and event data not yet checked.
 */
export interface ReportRow
  extends
    Pick<
      ReportView,
      | "publicId"
      | "status"
      | "reason"
      | "escalationLevel"
      | "attemptCount"
      | "smtpReply"
      | "createdAt"
      | "updatedAt"
      | "expiresAt"
      | "endedAt"
      | "liftReason"
      | "openCase"
      | "conversationReference"
      | "conversation"
    >,
    ReportTarget,
    ReportScores {
  evidence: unknown[];
  events: { type: EventType; actor: ActorType; at: string; data: Record<string, unknown> | null }[];
  latestAppeal: ReportAppeal | null;
}

const iso = (value: string) => new Date(value).toISOString();
const isoOrNull = (value: string | null) => (value === null ? null : iso(value));

/*
 * Stored evidence was validated at ingestion; it is checked again here so that one item
 * written by an older relay version cannot break the whole page. A bad item is left out
 * and logged, never shown half-parsed.
 */
function readEvidence(publicId: string, items: unknown[]): EvidenceItem[] {
  return items.flatMap((item, index) => {
    const parsed = evidenceItemSchema.safeParse(item);
    if (parsed.success) return [parsed.data];
    logger.warn({ publicId, index, issues: parsed.error.issues.slice(0, 3) }, "stored evidence item failed validation");
    return [];
  });
}

const text = (value: unknown) => (typeof value === "string" ? value : undefined);
const int = (value: unknown) => (typeof value === "number" && Number.isInteger(value) ? value : undefined);

/* Event data is free-form jsonb; only these fields are public (no staff ids). */
function readEventDetails(data: Record<string, unknown> | null): ReportEvent["details"] {
  const d = data ?? {};
  const details: ReportEvent["details"] = {
    level: int(d.level),
    attempts: int(d.attempts),
    appealReference: text(d.appealReference),
    caseReference: text(d.caseReference),
    decision: text(d.decision),
    reason: text(d.reason),
    blockUnchanged: d.blockUnchanged === true ? true : undefined,
  };
  return Object.fromEntries(Object.entries(details).filter(([, v]) => v !== undefined));
}

export function toReportView(row: ReportRow, options: { now: Date; appealCooldownHours: number }): ReportView {
  const latestAppeal = row.latestAppeal && {
    ...row.latestAppeal,
    submittedAt: iso(row.latestAppeal.submittedAt),
    decidedAt: isoOrNull(row.latestAppeal.decidedAt),
    messages: row.latestAppeal.messages.map((m) => ({ ...m, at: iso(m.at) })),
  };
  return {
    publicId: row.publicId,
    status: row.status,
    reason: row.reason,
    target: { smtpUser: row.smtpUser, senderAddress: row.senderAddress },
    scores: { spam: row.spam, abuse: row.abuse, rate: row.rate, combined: row.combined, threshold: row.threshold },
    escalationLevel: row.escalationLevel,
    attemptCount: row.attemptCount,
    smtpReply: row.smtpReply,
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
    expiresAt: isoOrNull(row.expiresAt),
    endedAt: isoOrNull(row.endedAt),
    liftReason: row.liftReason,
    evidence: readEvidence(row.publicId, row.evidence),
    events: row.events.map((e) => ({ type: e.type, actor: e.actor, at: iso(e.at), details: readEventDetails(e.data) })),
    latestAppeal,
    conversationReference: row.conversationReference,
    conversation: row.conversation.map((item) => ({ ...item, at: iso(item.at) })),
    openCase: row.openCase && {
      reference: row.openCase.reference,
      createdAt: iso(row.openCase.createdAt),
      bundleDigest: row.openCase.bundleDigest,
    },
    canAppeal: decideAppealEligibility({
      blockStatus: row.status,
      expiresAt: row.expiresAt,
      latestAppeal,
      now: options.now,
      cooldownHours: options.appealCooldownHours,
    }),
  };
}
