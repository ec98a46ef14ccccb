import type { Tone } from "@/components/ui/status-badge";
import type { AppealStatus } from "@/lib/generated/prisma/enums";

export { AXIS_LABELS as REASON_LABELS } from "@/components/report/why-section";

/** Where a review request stands, as the account owner reads it. */
export const REVIEW_LABELS: Record<AppealStatus, { label: string; tone: Tone }> = {
  OPEN: { label: "With compliance", tone: "warning" },
  NEEDS_INFO: { label: "Question for you", tone: "info" },
  APPROVED: { label: "Approved", tone: "success" },
  DENIED: { label: "Declined", tone: "danger" },
};
