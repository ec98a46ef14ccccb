import { EvidenceText, SenderLine } from "@/components/report/evidence-text";
import { DataTable } from "@/components/ui/data-table";
import { StatusBadge } from "@/components/ui/status-badge";
import type { ClaimView, QueueBlock } from "@/lib/data/staff";
import { BLOCK_STATUS_LABELS } from "@/lib/reports/block-status";
import { formatWhen } from "@/lib/reports/relative-time";

export interface QueueRow {
  reference: string;
  /** The moment the row has been waiting since. */
  since: string;
  detail?: string;
  block: QueueBlock;
  /** The live claim on the item; absent: not shown. */
  claim?: ClaimView | null;
  /** Claimed by the viewer. */
  mine?: boolean;
}

const REASON_WORDS = { SPAM: "Spam", ABUSE: "Abuse", RATE: "Rate" } as const;

/** One queue: oldest first, each row linking to the report with everything needed to decide. */
export function QueueTable({
  caption,
  rows,
  now,
  empty,
  sinceHeader,
}: {
  caption: string;
  rows: QueueRow[];
  now: Date;
  empty: string;
  sinceHeader: string;
}) {
  if (rows.length === 0) return <p className="text-sm text-muted">{empty}</p>;
  return (
    <DataTable
      caption={caption}
      captionHidden
      stackOnPhones
      rows={rows}
      rowKey={(row) => row.reference}
      columns={[
        {
          header: "Reference",
          cell: (row) => (
            <a
              className="font-mono font-semibold underline underline-offset-2"
              href={`/staff/reports/${row.block.publicId}`}
            >
              {row.reference}
            </a>
          ),
        },
        { header: sinceHeader, cell: (row) => formatWhen(row.since, now) },
        { header: "Reason", cell: (row) => `${REASON_WORDS[row.block.reason]} · level ${row.block.escalationLevel}` },
        { header: "Block", cell: (row) => <StatusBadge {...BLOCK_STATUS_LABELS[row.block.status]} /> },
        {
          header: "Sender",
          // A floor under the column: addresses may break anywhere, so without it a narrow
          // table squeezes them to a few letters a line (on a phone each row is a card instead).
          cell: (row) => (
            <div className="min-w-40">
              <SenderLine smtpUser={row.block.smtpUser} senderAddress={row.block.senderAddress} />
            </div>
          ),
        },
        { header: "Account", cell: (row) => <EvidenceText value={row.block.accountName} /> },
        ...(rows.some((row) => row.claim !== undefined)
          ? [
              {
                header: "Claimed by",
                cell: (row: QueueRow) =>
                  row.claim ? (
                    `${row.mine ? "You" : row.claim.holderName}, since ${formatWhen(row.claim.claimedAt, now)}`
                  ) : (
                    <span className="text-muted">nobody</span>
                  ),
              },
            ]
          : []),
        ...(rows.some((row) => row.detail)
          ? [{ header: "Messages", cell: (row: QueueRow) => row.detail ?? "", align: "right" as const }]
          : []),
      ]}
    />
  );
}
