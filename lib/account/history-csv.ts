import type { CsvCell } from "@/lib/csv/csv-stream";
import type { ExportRow } from "@/lib/data/account/history";

/** The columns of the history's CSV export (quoting and formula neutralising: lib/csv/csv-stream.ts). */
export const CSV_COLUMNS = [
  "report_id",
  "status",
  "reason",
  "smtp_user",
  "sender_address",
  "blocked_at",
  "ended_at",
  "review",
  "portal_url",
] as const;

/** What a row of the export shows (a history page's rows have it too). */
export type CsvRow = Pick<
  ExportRow,
  "publicId" | "status" | "reason" | "smtpUser" | "senderAddress" | "createdAt" | "endedAt" | "review"
>;

/** A function giving one row of the history as the export's cells, in CSV_COLUMNS order. */
export function csvCellsFor(publicBaseUrl: string): (row: CsvRow) => CsvCell[] {
  // Report ids are 20 hex digits: appended to the base as they are.
  const portal = new URL("/account/blocks/", publicBaseUrl).toString();
  return (row) => [
    row.publicId,
    row.status,
    row.reason,
    row.smtpUser,
    row.senderAddress,
    row.createdAt,
    row.endedAt,
    row.review,
    `${portal}${row.publicId}`,
  ];
}
