import type { ReportEvent } from "@/lib/reports/report-view";
import type { ActorType } from "@/lib/generated/prisma/enums";

const ACTORS: Record<ActorType, string> = {
  SYSTEM: "Automatic",
  RELAY: "Relay",
  SENDER: "Sender",
  STAFF: "Compliance team",
  OWNER: "Account owner",
};

const DECISIONS: Record<string, string> = { APPROVED: "approved, block lifted", DENIED: "not lifted" };

/**
 * One timeline entry in words; the actor is named by role, never by person. With `quoted`
 * (the sender's page: the conversation's one reference) every request and case is named by
 * it; without it (staff), by its own reference.
 */
export function describeEvent({ type, details }: ReportEvent, quoted?: string | null): string {
  const d = quoted
    ? {
        ...details,
        appealReference: details.appealReference && quoted,
        caseReference: details.caseReference && quoted,
      }
    : details;
  switch (type) {
    case "CREATED":
      return "Sending blocked by the relay";
    case "EVIDENCE_ADDED":
      return "New evidence added to this report";
    case "ESCALATED":
      return `Escalated to level ${d.level ?? "?"}${d.attempts !== undefined ? ` after ${d.attempts} refused attempts to send` : ""}`;
    case "APPEAL_SUBMITTED":
      return `Review requested${d.appealReference ? ` (reference ${d.appealReference})` : ""}`;
    case "APPEAL_INFO_REQUESTED":
      return "The reviewer asked for more information";
    case "APPEAL_REPLIED":
      return "More information sent to the reviewer";
    case "APPEAL_DECIDED":
      return `Review decided: ${(d.decision && DECISIONS[d.decision]) ?? "see the decision below"}`;
    case "DECISION_REVERSED":
      if (d.blockUnchanged)
        return `Review decision reversed: ${d.decision === "APPROVED" ? "approved" : "declined"} (the block had already ended)`;
      return `Review decision reversed: ${d.decision === "APPROVED" ? "approved, block lifted" : "declined, block back in force"}`;
    case "CASE_OPENED":
      return `Reported to compliance${d.caseReference ? ` (reference ${d.caseReference})` : ""}`;
    case "CASE_MESSAGE_ADDED":
      return "Message added to the compliance case";
    case "CASE_REPLIED":
      return `The compliance team replied${d.caseReference ? ` (reference ${d.caseReference})` : ""}`;
    case "CASE_CLOSED":
      return `Compliance case closed${d.caseReference ? ` (reference ${d.caseReference})` : ""}`;
    case "LIFTED":
      return "Block lifted";
    case "EXPIRED":
      return "Block expired";
    case "LINK_ROTATED":
      return "Report link replaced by a new one";
  }
}

export function describeActor(actor: ActorType): string {
  return ACTORS[actor];
}
