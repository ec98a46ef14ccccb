import { EvidenceText } from "@/components/report/evidence-text";
import { StatusBadge, type Tone } from "@/components/ui/status-badge";
import type { AppealStatus } from "@/lib/generated/prisma/enums";
import type { StaffAppeal } from "@/lib/data/staff";
import { formatWhen } from "@/lib/reports/relative-time";
import { Quote } from "./quote";

export const APPEAL_STATUS: Record<AppealStatus, { label: string; tone: Tone }> = {
  OPEN: { label: "To decide", tone: "warning" },
  NEEDS_INFO: { label: "Waiting for the sender", tone: "info" },
  APPROVED: { label: "Approved", tone: "success" },
  DENIED: { label: "Declined", tone: "danger" },
};

const AUTHOR = {
  SENDER: "Sender",
  STAFF: "Reviewer",
  SYSTEM: "System",
  RELAY: "Relay",
  OWNER: "Account owner",
} as const;

/** One review request as the reviewer needs it: the sender's words, the conversation, the decision. */
export function AppealRecord({ appeal, now }: { appeal: StaffAppeal; now: Date }) {
  return (
    <article aria-labelledby={`appeal-${appeal.reference}`} className="space-y-3 rounded-md border border-line p-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 id={`appeal-${appeal.reference}`} className="font-mono text-base font-semibold">
          {appeal.reference}
        </h3>
        <StatusBadge {...APPEAL_STATUS[appeal.status]} />
      </div>
      <p className="text-sm text-muted">
        Submitted {formatWhen(appeal.submittedAt, now)} · contact (unverified){" "}
        <EvidenceText value={appeal.contactEmail} />
      </p>
      <div className="space-y-1 text-sm">
        <p className="font-semibold">What happened and what was fixed</p>
        <Quote text={appeal.explanation} />
      </div>
      {appeal.answers.map((a) => (
        <div key={a.question} className="space-y-1 text-sm">
          <p className="font-semibold">
            <EvidenceText value={a.question} />
          </p>
          <Quote text={a.answer} />
        </div>
      ))}
      {appeal.messages.length ? (
        <ol className="space-y-2 text-sm" aria-label="Questions and answers">
          {appeal.messages.map((m, index) => (
            <li key={index} className="space-y-1">
              <p className="font-semibold">
                {AUTHOR[m.author]} · <span className="font-normal text-muted">{formatWhen(m.at, now)}</span>
              </p>
              <Quote text={m.body} />
            </li>
          ))}
        </ol>
      ) : null}
      {appeal.decidedAt ? (
        <div className="space-y-1 text-sm">
          <p className="font-semibold">
            Decision by {appeal.decidedBy ?? "a former staff member"} ·{" "}
            <span className="font-normal text-muted">{formatWhen(appeal.decidedAt, now)}</span>
          </p>
          {appeal.decisionReason ? <Quote text={appeal.decisionReason} /> : null}
        </div>
      ) : null}
    </article>
  );
}
