import { StatusBadge, type Tone } from "@/components/ui/status-badge";
import type { AppealStatus } from "@/lib/generated/prisma/enums";
import type { StaffAppeal } from "@/lib/data/staff";
import { formatWhen } from "@/lib/reports/relative-time";

export const APPEAL_STATUS: Record<AppealStatus, { label: string; tone: Tone }> = {
  OPEN: { label: "To decide", tone: "warning" },
  NEEDS_INFO: { label: "Waiting for the sender", tone: "info" },
  APPROVED: { label: "Approved", tone: "success" },
  DENIED: { label: "Declined", tone: "danger" },
};

const AUTHOR = { SENDER: "Sender", STAFF: "Reviewer", SYSTEM: "System", RELAY: "Relay", OWNER: "Account owner" } as const;

/** Sender-written text: shown as text only (React escapes it), wrapped, never linked. */
function Quote({ children }: { children: string }) {
  return <blockquote className="whitespace-pre-line border-l-4 border-line pl-3 [overflow-wrap:anywhere]">{children}</blockquote>;
}

/** One review request as the reviewer needs it: the sender's words, the conversation, the decision. */
export function AppealRecord({ appeal, now }: { appeal: StaffAppeal; now: Date }) {
  return (
    <article aria-labelledby={`appeal-${appeal.reference}`} className="space-y-3 rounded-md border border-line p-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 id={`appeal-${appeal.reference}`} className="font-mono text-base font-semibold">{appeal.reference}</h3>
        <StatusBadge {...APPEAL_STATUS[appeal.status]} />
      </div>
      <p className="text-sm text-muted">
        Submitted {formatWhen(appeal.submittedAt, now)} · contact (unverified) <span className="[overflow-wrap:anywhere]">{appeal.contactEmail}</span>
      </p>
      <div className="space-y-1 text-sm">
        <p className="font-semibold">What happened and what was fixed</p>
        <Quote>{appeal.explanation}</Quote>
      </div>
      {appeal.answers.map((a) => (
        <div key={a.question} className="space-y-1 text-sm">
          <p className="font-semibold">{a.question}</p>
          <Quote>{a.answer}</Quote>
        </div>
      ))}
      {appeal.messages.length ? (
        <ol className="space-y-2 text-sm" aria-label="Questions and answers">
          {appeal.messages.map((m, index) => (
            <li key={index} className="space-y-1">
              <p className="font-semibold">{AUTHOR[m.author]} · <span className="font-normal text-muted">{formatWhen(m.at, now)}</span></p>
              <Quote>{m.body}</Quote>
            </li>
          ))}
        </ol>
      ) : null}
      {appeal.decidedAt ? (
        <div className="space-y-1 text-sm">
          <p className="font-semibold">Decision by {appeal.decidedBy ?? "a former staff member"} · <span className="font-normal text-muted">{formatWhen(appeal.decidedAt, now)}</span></p>
          {appeal.decisionReason ? <Quote>{appeal.decisionReason}</Quote> : null}
        </div>
      ) : null}
    </article>
  );
}
