import { stringify } from "csv-stringify/sync";
import type { HistoryRow } from "@/lib/data/account/history";

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

/*
 * RFC 4180: comma-separated, CRLF line ends, fields quoted when they hold a comma, quote or
 * line break, quotes doubled. A cell a spreadsheet would run as a formula (starting with
 * =, +, -, @, tab or carriage return: sender addresses and SMTP user names are written by
 * others) gets a leading apostrophe, so it is shown as text (csv-stringify's escape_formulas).
 */
const OPTIONS = { escape_formulas: true, record_delimiter: "windows", quoted_match: /^\s|\s$/ } as const;

/** The header row. */
export const csvHeader = (): string => stringify([[...CSV_COLUMNS]], OPTIONS);

/** Rows of the history as CSV records. */
export function csvRows(rows: HistoryRow[], publicBaseUrl: string): string {
  return stringify(
    rows.map((row) => [
      row.publicId,
      row.status,
      row.reason,
      row.smtpUser,
      row.senderAddress ?? "",
      row.createdAt,
      row.endedAt ?? "",
      row.review ?? "",
      new URL(`/account/blocks/${row.publicId}`, publicBaseUrl).toString(),
    ]),
    OPTIONS,
  );
}
