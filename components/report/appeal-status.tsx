import { Alert } from "@/components/ui/alert";
import type { ReportAppeal, ReportCase, ReportView } from "@/lib/data/reports/report-view";
import { formatWhen } from "@/lib/reports/relative-time";
import { When } from "./when";

function AppealState({ appeal, now }: { appeal: ReportAppeal; now: Date }) {
  const submitted = `Reference ${appeal.reference} · submitted ${formatWhen(appeal.submittedAt, now)}`;
  switch (appeal.status) {
    case "OPEN":
      return (
        <Alert tone="info" title="Review requested: waiting for our compliance team">
          <p>{submitted}</p>
          <p>A member of the team reads every request and answers on this page. Mail stays blocked until then.</p>
        </Alert>
      );
    case "NEEDS_INFO":
      return (
        <Alert tone="warning" title="The reviewer needs more information">
          <p>{submitted}</p>
          {appeal.infoRequest ? <p className="whitespace-pre-line font-medium">“{appeal.infoRequest}”</p> : null}
          <p>Answer below so the review can continue.</p>
        </Alert>
      );
    case "APPROVED":
      return (
        <Alert tone="success" title="Review approved">
          <p>{submitted}{appeal.decidedAt ? ` · decided ${formatWhen(appeal.decidedAt, now)}` : ""}</p>
          {appeal.decisionReason ? <p className="whitespace-pre-line">{appeal.decisionReason}</p> : null}
        </Alert>
      );
    case "DENIED":
      return (
        <Alert tone="danger" title="Review declined: the block stays">
          <p>{submitted}{appeal.decidedAt ? ` · decided ${formatWhen(appeal.decidedAt, now)}` : ""}</p>
          {appeal.decisionReason ? <p className="whitespace-pre-line">{appeal.decisionReason}</p> : null}
        </Alert>
      );
  }
}

const AUTHORS: Partial<Record<ReportAppeal["messages"][number]["author"], string>> = { SENDER: "Sender", OWNER: "Account owner", STAFF: "Compliance team" };

/* What was said in the request and since: the sender's text and the reviewer's questions. */
function Conversation({ appeal, now }: { appeal: ReportAppeal; now: Date }) {
  return (
    <details className="rounded-md border border-line p-3 text-sm">
      <summary className="cursor-pointer font-medium text-accent">
        Your request{appeal.messages.length ? ` and ${appeal.messages.length} ${appeal.messages.length === 1 ? "message" : "messages"}` : ""}
      </summary>
      <ol className="mt-3 space-y-3">
        <li>
          <p className="text-muted">Sender · <When iso={appeal.submittedAt} now={now} /></p>
          <p className="whitespace-pre-line [overflow-wrap:anywhere]">{appeal.explanation}</p>
        </li>
        {appeal.messages.map((message, index) => (
          <li key={index}>
            <p className="text-muted">{AUTHORS[message.author] ?? "Automatic"} · <When iso={message.at} now={now} /></p>
            <p className="whitespace-pre-line [overflow-wrap:anywhere]">{message.body}</p>
          </li>
        ))}
      </ol>
    </details>
  );
}

/** Where the sender's review request and compliance case stand. */
export function AppealStatus({ report, now }: { report: ReportView; now: Date }) {
  const { latestAppeal, openCase, canAppeal } = report;
  return (
    <div className="space-y-3">
      {latestAppeal ? <AppealState appeal={latestAppeal} now={now} /> : null}
      {latestAppeal ? <Conversation appeal={latestAppeal} now={now} /> : null}
      {openCase ? <CaseState kase={openCase} now={now} /> : null}
      {canAppeal.blocker === "cooldown" && canAppeal.availableAt ? (
        <p className="text-sm text-muted">You can request another review from {formatWhen(canAppeal.availableAt, now)}.</p>
      ) : null}
    </div>
  );
}

function CaseState({ kase, now }: { kase: ReportCase; now: Date }) {
  return (
    <Alert tone="neutral" title="Reported to compliance">
      <p>Reference {kase.reference} · sent {formatWhen(kase.createdAt, now)}, with the evidence as it stood then.</p>
    </Alert>
  );
}
