import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { EvidenceSection } from "@/components/report/evidence-section";
import { EvidenceText } from "@/components/report/evidence-text";
import { ReportHeader } from "@/components/report/report-header";
import { TimelineSection } from "@/components/report/timeline-section";
import { WhySection } from "@/components/report/why-section";
import { reverseDecisionAction } from "@/lib/actions/admin";
import { addCaseNoteAction, closeCaseAction, liftBlockAction, replyToCaseAction } from "@/lib/actions/staff";
import { AppealRecord } from "@/components/staff/appeal-record";
import { CaseRecord } from "@/components/staff/case-record";
import { DecisionForm } from "@/components/staff/decision-form";
import { ItemClaim } from "@/components/staff/item-claim";
import { SenderHistoryPanel } from "@/components/staff/sender-history";
import { TemplatePicker } from "@/components/staff/template-picker";
import { NoteActionForm } from "@/components/staff/note-action-form";
import { StaffShell } from "@/components/staff/staff-shell";
import { Section } from "@/components/ui/section";
import type { AppealDecision } from "@/lib/appeals/decision-labels";
import { requireStaffPage } from "@/lib/auth/session";
import {
  claimsOnReport,
  getSenderHistory,
  getStaffReport,
  listAssignableStaff,
  listDecisionTemplates,
  type StaffAppeal,
  type StaffReport,
} from "@/lib/data/staff";
import { env } from "@/lib/env";
import { isAppError } from "@/lib/errors";
import { summariseReason } from "@/lib/evidence";
import { orderEvidence } from "@/lib/reports/evidence-order";

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  return { title: `Report ${(await params).publicId.slice(0, 20)} for review` };
}

type Params = Promise<{ publicId: string }>;

async function load(staffId: string, publicId: string): Promise<StaffReport> {
  try {
    return await getStaffReport({ staffId, publicId });
  } catch (error) {
    if (isAppError(error) && error.code === "NOT_FOUND") notFound();
    throw error;
  }
}

/** What may be decided on a request now; nothing once it is decided. */
function choicesFor(appeal: StaffAppeal | undefined): AppealDecision[] {
  if (appeal?.status === "OPEN") return ["approve", "deny", "ask"];
  if (appeal?.status === "NEEDS_INFO") return ["approve", "deny"];
  return [];
}

/**
 * One report as the reviewer needs it: status, the review request with the sender's own
 * words and the decision form, reported cases, then the evidence and timeline the sender
 * sees. Evidence is spammer-written: the same text-only, defanged components render it.
 */
export default async function StaffReportPage({
  params,
  searchParams,
}: {
  params: Params;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { publicId } = await params;
  const { template: chosenTemplate } = await searchParams;
  const staff = await requireStaffPage(`/staff/reports/${encodeURIComponent(publicId)}`);
  const { report, appeals, cases, accountName } = await load(staff.id, publicId);
  const [claims, assignees, history, fitting] = await Promise.all([
    claimsOnReport({ staffId: staff.id, publicId }),
    staff.role === "ADMIN" ? listAssignableStaff({ staffId: staff.id }) : undefined,
    getSenderHistory({ staffId: staff.id, publicId }),
    listDecisionTemplates({ staffId: staff.id, reason: report.reason }),
  ]);
  const now = new Date();
  const [latest] = appeals;
  const choices = choicesFor(latest);
  const templates = fitting.filter((template) => choices.includes(template.decision));
  const template = templates.find((candidate) => candidate.id === chosenTemplate);
  const inForce = report.status === "ACTIVE" || report.status === "UNDER_REVIEW";
  const awaitingDecision = latest?.status === "OPEN" || latest?.status === "NEEDS_INFO";
  return (
    <StaffShell relayName={env.RELAY_NAME} staffName={staff.name} isAdmin={staff.role === "ADMIN"}>
      <p className="text-sm text-muted">
        Report <span className="font-mono">{report.publicId}</span> · account <EvidenceText value={accountName} />
      </p>
      <ReportHeader
        report={report}
        summary={summariseReason(report.reason, report.evidence)}
        now={now}
        audience="staff"
      />
      <Section id="review" title="Review request">
        {latest ? (
          <>
            <AppealRecord appeal={latest} now={now} />
            {awaitingDecision ? (
              <ItemClaim
                reference={latest.reference}
                claim={claims[latest.reference] ?? null}
                viewer={staff}
                assignees={assignees}
                now={now}
              />
            ) : null}
            <TemplatePicker publicId={report.publicId} templates={templates} chosen={template?.id} />
            {/* Keyed by reference: a newer request gets a fresh form, not the last one's state. */}
            <DecisionForm
              key={latest.reference}
              reference={latest.reference}
              choices={choices}
              initial={template ? { id: template.id, decision: template.decision, text: template.body } : undefined}
              blockEnded={report.status === "LIFTED" || report.status === "EXPIRED" ? report.status : undefined}
            />
          </>
        ) : (
          <p className="text-sm text-muted">The sender has not requested a review.</p>
        )}
        {latest && staff.role === "ADMIN" ? (
          <NoteActionForm
            key={`reverse-${latest.reference}`}
            action={reverseDecisionAction}
            hidden={{ reference: latest.reference, reverses: latest.status }}
            idPrefix="reverse"
            name="reason"
            label="Reason for the reversal"
            hint={`The sender reads this on the report and in the mail: 10 to 2,000 characters. ${latest.status === "APPROVED" ? "The block is put back in force and the relay told." : "The request is approved, the block lifted and the relay told."}`}
            ariaLabel={`Reverse the decision on ${latest.reference}`}
            submitLabel={latest.status === "APPROVED" ? "Reverse the approval" : "Reverse the decline"}
            pendingLabel="Reversing…"
            successTitle="Decision reversed"
            available={latest.status === "APPROVED" || latest.status === "DENIED"}
          />
        ) : null}
        {appeals.length > 1 ? (
          <details className="space-y-3">
            <summary className="cursor-pointer text-sm font-semibold">Earlier requests ({appeals.length - 1})</summary>
            {appeals.slice(1).map((appeal) => (
              <AppealRecord key={appeal.reference} appeal={appeal} now={now} />
            ))}
          </details>
        ) : null}
      </Section>
      {cases.length ? (
        <Section id="cases" title="Reported to compliance">
          {cases.map((record) => (
            <div key={record.reference} className="space-y-3">
              <CaseRecord record={record} now={now} />
              {record.status === "OPEN" ? (
                <ItemClaim
                  reference={record.reference}
                  claim={claims[record.reference] ?? null}
                  viewer={staff}
                  assignees={assignees}
                  now={now}
                />
              ) : null}
              {record.status === "OPEN" ? (
                <p className="text-sm text-muted">
                  {record.senderContact ? (
                    <>
                      Replies and the closing message are shown on the sender&apos;s report and mailed to{" "}
                      <EvidenceText value={record.senderContact} /> (as entered, unverified).
                    </>
                  ) : (
                    "The sender gave no address: replies and the closing message are shown on their report only."
                  )}
                </p>
              ) : null}
              <NoteActionForm
                action={replyToCaseAction}
                hidden={{ reference: record.reference }}
                idPrefix={`reply-${record.reference}`}
                name="message"
                label="Reply to the sender"
                hint="The sender reads this word for word: 3 to 4,000 characters. The case stays open."
                ariaLabel={`Reply on case ${record.reference}`}
                submitLabel="Send reply"
                pendingLabel="Sending…"
                successTitle="Reply sent"
                available={record.status === "OPEN"}
              />
              <NoteActionForm
                action={closeCaseAction}
                hidden={{ reference: record.reference }}
                idPrefix={`close-${record.reference}`}
                name="message"
                label="Closing message to the sender"
                hint="What was done, in words the sender reads: 3 to 4,000 characters. The case leaves the queue."
                ariaLabel={`Close case ${record.reference}`}
                submitLabel="Close case"
                pendingLabel="Closing…"
                successTitle="Case closed"
                available={record.status === "OPEN"}
              />
              <NoteActionForm
                action={addCaseNoteAction}
                hidden={{ reference: record.reference }}
                idPrefix={`note-${record.reference}`}
                name="note"
                label="Internal note"
                hint="For the record and other staff. The sender never sees it."
                ariaLabel={`Internal note on case ${record.reference}`}
                submitLabel="Add internal note"
                pendingLabel="Saving…"
                successTitle="Note added"
                available
              />
            </div>
          ))}
        </Section>
      ) : null}
      {/* Always in place, so the confirmation outlives the lift that hides the form. Not offered while a
          request awaits a decision: liftBlockAsStaff refuses then too, naming the request to approve. */}
      <NoteActionForm
        action={liftBlockAction}
        hidden={{ publicId: report.publicId }}
        idPrefix="lift"
        name="reason"
        label="Reason"
        hint="Shown on the report and sent to the relay: 10 to 2,000 characters."
        ariaLabel="Lift this block"
        submitLabel="Lift block"
        pendingLabel="Lifting…"
        successTitle="Block lifted"
        available={inForce && !awaitingDecision}
        section={{
          id: "lift",
          title: "Lift without a review request",
          description:
            "For a block that should end without a request from the sender, for example after a reported case. While a review request waits for a decision, approve it instead: the sender then hears why.",
        }}
      />
      <SenderHistoryPanel history={history} now={now} />
      <WhySection report={report} />
      <EvidenceSection evidence={orderEvidence(report.reason, report.evidence)} />
      <TimelineSection events={report.events} now={now} />
    </StaffShell>
  );
}
