import { toDisplayText } from "@/lib/evidence/defang";
import type { ReportView } from "@/lib/reports/report-view";
import { BLOCK_STATUS_LABELS } from "./block-status";

/** The browser tab and history entry of a report: "Blocked: newsletter-app — Example Relay". */
export function reportTitle(report: Pick<ReportView, "status" | "target">, relayName: string): string {
  // Sender-chosen text, shown like evidence (describe-target.ts).
  const who = toDisplayText(report.target.senderAddress ?? report.target.smtpUser);
  return `${BLOCK_STATUS_LABELS[report.status].label}: ${who} — ${relayName}`;
}
