import { z } from "zod";
import { isCalendarDay, optionalFilter as optional, textFilter as text } from "@/lib/forms/query-values";

/*
 * The audit log's filters, in the URL (a GET form, so a filtered view can be linked, and it
 * works without JavaScript); the CSV export takes the same parameters. Values the form does
 * not offer fall back to "any".
 */

export const AUDIT_ACTIONS = {
  SIGN_IN: "Signed in",
  SIGN_IN_FAILED: "Sign-in failed",
  CLAIM: "Claimed",
  RELEASE: "Released a claim",
  REASSIGN: "Reassigned",
  VIEW: "Opened a report",
  USER_INVITED: "Invited a user",
  INVITATION_RESENT: "Resent an invitation",
  INVITATION_REVOKED: "Revoked an invitation",
  INVITATION_ACCEPTED: "Accepted an invitation",
  ROLE_CHANGED: "Changed a role",
  USER_DISABLED: "Disabled a login",
  USER_ENABLED: "Enabled a login",
  APPEAL_DECIDED: "Decided a review request",
  APPEAL_INFO_REQUESTED: "Asked the sender",
  DECISION_REVERSED: "Reversed a decision",
  LIFTED: "Lifted a block",
  CASE_CLOSED: "Closed a case",
} as const;
export type AuditAction = keyof typeof AUDIT_ACTIONS;

// A real calendar day in a year Postgres has (0000-01-01 is a JavaScript date, not a Postgres one).
const day = optional(z.string().refine(isCalendarDay));

const schema = z.object({
  /** Part of the actor's email (as typed, for a failed sign-in) or name. */
  actor: text(320),
  action: optional(z.enum(Object.keys(AUDIT_ACTIONS) as [AuditAction, ...AuditAction[]])),
  /** A request or case reference, a report id, or a user's email address: exactly. */
  target: text(100),
  /** UTC days, inclusive. */
  from: day,
  to: day,
});

export type AuditFilters = z.infer<typeof schema>;

type Params = Record<string, string | string[] | undefined>;
const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export function parseAuditParams(params: Params): { filters: AuditFilters; before: string | undefined } {
  const filters = schema.parse(
    Object.fromEntries(["actor", "action", "target", "from", "to"].map((key) => [key, first(params[key])])),
  );
  const before = first(params.before);
  return { filters, before: before && before.length <= 200 ? before : undefined };
}

export function auditQuery(filters: AuditFilters, before?: string): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value !== undefined) params.set(key, String(value));
  if (before) params.set("before", before);
  return params.toString();
}
