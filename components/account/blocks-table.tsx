import { SenderLine } from "@/components/report/evidence-text";
import { DataTable } from "@/components/ui/data-table";
import { StatusBadge } from "@/components/ui/status-badge";
import type { HistoryRow } from "@/lib/data/account";
import { BLOCK_STATUS_LABELS } from "@/lib/reports/block-status";
import { formatRelative } from "@/lib/reports/relative-time";
import { formatUtcDateTime } from "@/lib/evidence/format";
import { REASON_LABELS, REVIEW_LABELS } from "./labels";

/** Blocks of the account, one row each, every row opening its report in the portal. */
export function BlocksTable({
  caption,
  rows,
  now,
  empty,
}: {
  caption: string;
  rows: HistoryRow[];
  now: Date;
  empty: string;
}) {
  if (rows.length === 0) return <p className="text-sm text-muted">{empty}</p>;
  return (
    <DataTable
      caption={caption}
      captionHidden
      stackOnPhones
      rows={rows}
      rowKey={(row) => row.publicId}
      columns={[
        {
          header: "Report",
          cell: (row) => (
            <a
              className="font-mono font-semibold underline underline-offset-2"
              href={`/account/blocks/${row.publicId}`}
            >
              {row.publicId}
            </a>
          ),
        },
        { header: "Status", cell: (row) => <StatusBadge {...BLOCK_STATUS_LABELS[row.status]} /> },
        { header: "Reason", cell: (row) => REASON_LABELS[row.reason] },
        {
          header: "SMTP user · sender",
          // A floor under the column: addresses may break anywhere, so without it a narrow
          // screen squeezes them to a few letters a line instead of scrolling the table.
          cell: (row) => (
            <div className="min-w-40">
              <SenderLine smtpUser={row.smtpUser} senderAddress={row.senderAddress} />
            </div>
          ),
        },
        {
          header: "Blocked",
          cell: (row) => (
            <time dateTime={row.createdAt} title={formatUtcDateTime(row.createdAt)}>
              {formatRelative(row.createdAt, now)}
            </time>
          ),
        },
        {
          header: "Review",
          cell: (row) =>
            row.review ? <StatusBadge {...REVIEW_LABELS[row.review]} /> : <span className="text-muted">None</span>,
        },
      ]}
    />
  );
}
