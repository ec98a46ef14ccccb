import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { EvidenceSection } from "@/components/report/evidence-section";
import { EvidenceText } from "@/components/report/evidence-text";
import { ReportHeader } from "@/components/report/report-header";
import { TimelineSection } from "@/components/report/timeline-section";
import { WhySection } from "@/components/report/why-section";
import { reverseDecisionAction } from "@/lib/actions/admin";
import { addCaseNoteAction, closeCaseAction, liftBlockAction, replyToCaseAction } from "@/lib/actions/staff";
import { APPEAL_STATUS, AppealRecord } from "@/components/staff/appeal-record";
import { CaseRecord } from "@/components/staff/case-record";
import { DecisionForm } from "@/components/staff/decision-form";
import { ItemClaim } from "@/components/staff/item-claim";
import { SenderHistoryPanel } from "@/components/staff/sender-history";
import { TemplatePicker } from "@/components/staff/template-picker";
import { NoteActionForm } from "@/components/staff/note-action-form";
import { StaffShell } from "@/components/staff/staff-shell";
import { Section } from "@/components/ui/section";
import type { AppealDecision } from "@/lib/appeals/decision-labels";
import { approvalLiftedBlock } from "@/lib/appeals/reversal";
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

/** What reversing the newest decision will do to the block, as the reversal form says it. */
function reversalHint(latest: StaffAppeal, report: StaffReport["report"], inForce: boolean): string {
  if (latest.status === "APPROVED")
    return approvalLiftedBlock(report, latest.decidedAt)
      ? "The block is put back in force and the relay told."
      : "The request is declined; the block had ended before the approval, so it stays ended. The relay is told.";
  return inForce
    ? "The request is approved, the block lifted and the relay told."
    : "The request is approved; the block has ended already, so nothing is lifted. The relay is told.";
}

/**
 * One report as the reviewer needs it: status, the review request with the sender's own
 * words, the decision (and the lift), reported cases, then the evidence and timeline the
 * sender sees; on wide screens the decision stays beside the rest while it scrolls.
 * Evidence is spammer-written: the same text-only, defanged components render it.
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
      {/* One order for every width. From xl on, two columns: what the reviewer reads on the left, and
          "Decide" (claim, decision, reversal, lift) on the right, in view while the left scrolls. Below
          xl one column, the decision right after the request. The rows: the report and the request,
          then everything else; the side column spans both. */}
      <div className="space-y-6 xl:grid xl:grid-cols-[minmax(0,1fr)_26rem] xl:grid-rows-[auto_1fr] xl:items-start xl:gap-6 xl:space-y-0 2xl:grid-cols-[minmax(0,1fr)_28rem]">
        <div className="min-w-0 space-y-6 xl:col-start-1 xl:row-start-1">
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
              <AppealRecord appeal={latest} now={now} />
            ) : (
              <p className="text-sm text-muted">The sender has not requested a review.</p>
            )}
            {appeals.length > 1 ? (
              <details className="space-y-3">
                <summary className="cursor-pointer text-sm font-semibold">
                  Earlier requests ({appeals.length - 1})
                </summary>
                {appeals.slice(1).map((appeal) => (
                  <AppealRecord key={appeal.reference} appeal={appeal} now={now} />
                ))}
              </details>
            ) : null}
          </Section>
        </div>
        {/* Sticky below the console's header; taller than the window, it scrolls on its own. */}
        <div
          id="decide-column"
          className="space-y-6 xl:sticky xl:top-4 xl:col-start-2 xl:row-span-2 xl:row-start-1 xl:max-h-[calc(100dvh-2rem)] xl:overflow-y-auto xl:overscroll-contain"
        >
          {/* Without a request the main column says so; this card says it again only beside it (xl). */}
          <Section
            id="decide"
            title="Decide"
            description={
              latest ? (
                <>
                  On review request <span className="font-mono">{latest.reference}</span>.
                </>
              ) : undefined
            }
            className={latest ? "" : "hidden xl:block"}
          >
            {latest ? (
              <>
                {awaitingDecision ? (
                  <ItemClaim
                    reference={latest.reference}
                    claim={claims[latest.reference] ?? null}
                    viewer={staff}
                    assignees={assignees}
                    now={now}
                  />
                ) : (
                  <p className="text-sm text-muted">
                    {`This request was ${APPEAL_STATUS[latest.status].label.toLowerCase()}: nothing is left to decide.`}
                  </p>
                )}
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
              <p className="text-sm text-muted">The sender has not requested a review: there is nothing to decide.</p>
            )}
            {latest && staff.role === "ADMIN" ? (
              <NoteActionForm
                key={`reverse-${latest.reference}`}
                action={reverseDecisionAction}
                hidden={{ reference: latest.reference, reverses: latest.status }}
                idPrefix="reverse"
                name="reason"
                label="Reason for the reversal"
                hint={`The sender reads this on the report and in the mail: 10 to 2,000 characters. ${reversalHint(latest, report, inForce)}`}
                ariaLabel={`Reverse the decision on ${latest.reference}`}
                submitLabel={latest.status === "APPROVED" ? "Reverse the approval" : "Reverse the decline"}
                pendingLabel="Reversing…"
                successTitle="Decision reversed"
                available={latest.status === "APPROVED" || latest.status === "DENIED"}
              />
            ) : null}
          </Section>
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
        </div>
        <div className="min-w-0 space-y-6 xl:col-start-1 xl:row-start-2">
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
          <SenderHistoryPanel history={history} now={now} />
          <WhySection report={report} />
          <EvidenceSection evidence={orderEvidence(report.reason, report.evidence)} />
          <TimelineSection events={report.events} now={now} />
        </div>
      </div>
    </StaffShell>
  );
}
