import { EvidenceText } from "@/components/report/evidence-text";
import { DataTable } from "@/components/ui/data-table";
import { Section } from "@/components/ui/section";
import { StatusBadge } from "@/components/ui/status-badge";
import type { HistoryBlock, SenderHistory } from "@/lib/data/staff";
import { BLOCK_STATUS_LABELS } from "@/lib/reports/block-status";
import { formatWhen } from "@/lib/reports/relative-time";
import { APPEAL_STATUS } from "./appeal-record";

const REASON_WORDS = { SPAM: "Spam", ABUSE: "Abuse", RATE: "Rate" } as const;

/**
 * Earlier blocks of the same SMTP user, sender address and account, with their outcomes,
 * and who on the staff opened this report. Addresses and user names come from the sender's
 * own mail: text only, bidi controls made visible (EvidenceText).
 */
export function SenderHistoryPanel({ history, now }: { history: SenderHistory; now: Date }) {
  return (
    <Section
      id="history"
      title="Sender history"
      description="Earlier blocks of the same SMTP user, sender address or account, newest first (up to 10 of each)."
    >
      {history.blocks.length === 0 ? (
        <p className="text-sm text-muted">
          No earlier blocks: this is the first time this SMTP user, address and account were blocked.
        </p>
      ) : (
        <DataTable<HistoryBlock>
          caption="Earlier blocks of this sender"
          captionHidden
          stackOnPhones
          rows={history.blocks}
          rowKey={(b) => b.publicId}
          columns={[
            {
              header: "Report",
              cell: (b) => (
                <a className="font-mono underline underline-offset-2" href={`/staff/reports/${b.publicId}`}>
                  {b.publicId}
                </a>
              ),
            },
            { header: "Blocked", cell: (b) => <span className="block min-w-36">{formatWhen(b.createdAt, now)}</span> },
            { header: "Same", cell: (b) => b.matches.join(", ") },
            { header: "Reason", cell: (b) => REASON_WORDS[b.reason] },
            { header: "Block", cell: (b) => <StatusBadge {...BLOCK_STATUS_LABELS[b.status]} /> },
            {
              header: "Sender",
              cell: (b) => (
                <span className="block min-w-40">
                  <EvidenceText value={b.smtpUser} />
                  {b.senderAddress ? (
                    <span className="text-muted">
                      {" "}
                      · <EvidenceText value={b.senderAddress} />
                    </span>
                  ) : null}
                </span>
              ),
            },
            {
              header: "Review and reason",
              cell: (b) => (
                <span className="block min-w-56 space-y-1">
                  {b.review ? (
                    <span className="block">
                      <StatusBadge {...APPEAL_STATUS[b.review.status]} />{" "}
                      <span className="font-mono text-xs">{b.review.reference}</span>
                      {b.review.decidedBy ? <span className="text-muted"> by {b.review.decidedBy}</span> : null}
                    </span>
                  ) : (
                    <span className="block text-muted">No review requested</span>
                  )}
                  {b.review?.decisionReason ? <EvidenceText value={b.review.decisionReason} className="block" /> : null}
                  {b.liftReason && b.liftReason !== b.review?.decisionReason ? (
                    <span className="block">
                      Lifted: <EvidenceText value={b.liftReason} />
                    </span>
                  ) : null}
                </span>
              ),
            },
          ]}
        />
      )}
      <p className="text-sm text-muted">
        Opened by {history.viewers.map((v) => `${v.name} (${formatWhen(v.at, now)})`).join(", ")}.
      </p>
    </Section>
  );
}
