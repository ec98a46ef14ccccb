import type { ReactNode } from "react";
import { AddressText } from "@/components/ui/address-text";
import { StatusBadge } from "@/components/ui/status-badge";
import type { ReportView } from "@/lib/reports/report-view";
import { formatCount } from "@/lib/evidence";
import { ATTEMPTS_PER_LEVEL, MAX_LEVEL } from "@/lib/data/blocks/escalation-policy";
import { describeDuration, presentStatus } from "@/lib/reports/block-status";
import { describeTarget } from "@/lib/reports/describe-target";
import { ReasonSentence } from "./reason-sentence";
import { When } from "./when";

const TOP_BORDER = {
  danger: "border-t-danger",
  warning: "border-t-warning",
  success: "border-t-success",
  info: "border-t-info",
  neutral: "border-t-neutral",
} as const;

function Fact({
  label,
  value,
  hint,
  wide = false,
}: {
  label: string;
  value: ReactNode;
  hint?: string;
  wide?: boolean;
}) {
  return (
    <div className={`space-y-0.5 ${wide ? "col-span-2 sm:col-span-1" : ""}`}>
      <dt className="fact-label">{label}</dt>
      <dd className="font-medium">{value}</dd>
      {hint ? <dd className="text-sm text-muted">{hint}</dd> : null}
    </div>
  );
}

interface ReportHeaderProps {
  report: ReportView;
  summary: string;
  now: Date;
  /** The sender's next step (NextStep), right under the reason. */
  nextStep?: ReactNode;
  /** Who reads it: the sender ("the reply your mail server got") or compliance staff (the same facts, about the sender). */
  audience?: "sender" | "staff";
}

/*
 * What "level N of 10" means and what raises it, from the escalation policy itself
 * (lib/data/blocks/escalation-policy.ts).
 */
function describeEscalation(report: ReportView): string {
  const attempts =
    report.attemptCount > 0 ? `${formatCount(report.attemptCount)} refused attempts to send so far. ` : "";
  if (report.endedAt !== null) return attempts.trim() || "No refused attempts to send were counted.";
  const next =
    report.escalationLevel < MAX_LEVEL
      ? `Every ${ATTEMPTS_PER_LEVEL} refused attempts raise it by one${report.expiresAt ? ", and each new level pushes the end later (level 2: 1 h, doubling per level)" : ""}.`
      : "The highest level.";
  return `${attempts}${next}`;
}

/** The first screen: status, what is blocked, since when, for how long, why in one sentence, and what to do next. */
export function ReportHeader({ report, summary, now, nextStep, audience = "sender" }: ReportHeaderProps) {
  const staff = audience === "staff";
  const status = presentStatus(report);
  const target = describeTarget(report.target, report.endedAt !== null);
  const duration = describeDuration(report, audience);
  const inForce = report.endedAt === null;
  return (
    <section
      aria-labelledby="report-title"
      className={`space-y-5 rounded-lg border border-t-4 border-line bg-surface p-4 sm:p-6 ${TOP_BORDER[status.tone]}`}
    >
      <div className="space-y-3">
        <StatusBadge tone={status.tone} label={status.label} />
        <h1 id="report-title" className="text-2xl leading-tight font-semibold [overflow-wrap:anywhere] sm:text-3xl">
          {/* A sender address breaks after its @ or before a dot; anywhere only if a part is still too long. */}
          <AddressText text={status.headline} />
        </h1>
        {/* Names the SMTP user, which the relay's customer chose and may be one unbroken string. */}
        <p className="[overflow-wrap:anywhere] text-muted">{target.scope}</p>
      </div>
      <ReasonSentence summary={summary} />
      {nextStep}
      {staff && report.latestAppeal && report.canAppeal.blocker === "open_appeal" ? (
        <p className="text-sm">
          <span className="font-semibold">The sender requested a review</span> (reference{" "}
          {report.latestAppeal.reference}
          {report.latestAppeal.status === "NEEDS_INFO" ? "; waiting for the sender's answer to a question" : ""}).{" "}
          <a href="#review" className="link">
            See the request
          </a>
        </p>
      ) : null}
      {report.status === "LIFTED" && report.liftReason ? (
        <p className="rounded-md border-l-4 border-success bg-success-bg p-3 text-sm">
          <span className="font-semibold">Why it was lifted: </span>
          {report.liftReason}
        </p>
      ) : null}
      <dl className="grid grid-cols-2 gap-4 border-t border-line pt-4 sm:grid-cols-3">
        <Fact label="Blocked since" value={<When iso={report.createdAt} now={now} stacked />} />
        <Fact
          label={duration.label}
          value={duration.at ? <When iso={duration.at} now={now} stacked /> : duration.text}
          hint={duration.hint}
        />
        <Fact
          wide
          label="Escalation"
          value={`Level ${report.escalationLevel} of ${MAX_LEVEL}`}
          hint={describeEscalation(report)}
        />
      </dl>
      {inForce ? (
        <p className="rounded-md border-l-4 border-warning bg-warning-bg p-3 text-sm [overflow-wrap:anywhere]">
          <span aria-hidden="true" className="font-bold">
            ▲{" "}
          </span>
          Continuing to send while blocked extends this block and raises its level.
          {staff ? null : <AddressText text={` Pause sending from ${target.name} until it is fixed.`} />}
        </p>
      ) : null}
      <div className="space-y-1">
        <p className="text-sm font-semibold">
          {staff ? "The SMTP reply the relay sent" : "The reply your mail server got"}
        </p>
        <pre className="overflow-x-auto rounded-md border border-line bg-sunken px-3 py-2 font-mono text-sm [overflow-wrap:anywhere] whitespace-pre-wrap select-all">
          {report.smtpReply}
        </pre>
      </div>
    </section>
  );
}
