import { Alert } from "@/components/ui/alert";
import type { ReportAppeal, ReportCase, ReportView } from "@/lib/data/reports/report-view";
import { formatWhen } from "@/lib/reports/relative-time";

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

/** Where the sender's review request and compliance case stand. */
export function AppealStatus({ report, now }: { report: ReportView; now: Date }) {
  const { latestAppeal, openCase, canAppeal } = report;
  return (
    <div className="space-y-3">
      {latestAppeal ? <AppealState appeal={latestAppeal} now={now} /> : null}
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
