import type { ReportView } from "@/lib/reports/report-view";
import type { BlockStatus } from "@/lib/generated/prisma/enums";
import { describeTarget } from "./describe-target";

type Tone = "danger" | "warning" | "success" | "info" | "neutral";

export interface StatusPresentation {
  label: string;
  tone: Tone;
  /** The sentence under the badge, e.g. "Mail from SMTP user x is being rejected." */
  headline: string;
  meaning: string;
}

/** Each status as a word and a tone, for badges. */
export const BLOCK_STATUS_LABELS: Record<BlockStatus, { label: string; tone: Tone }> = {
  ACTIVE: { label: "Blocked", tone: "danger" },
  UNDER_REVIEW: { label: "Under review", tone: "warning" },
  LIFTED: { label: "Lifted", tone: "success" },
  EXPIRED: { label: "Expired", tone: "neutral" },
};

/** The status as words, tone and one headline; never colour alone. */
export function presentStatus(report: Pick<ReportView, "status" | "target">): StatusPresentation {
  const target = describeTarget(report.target).name;
  const { label, tone } = BLOCK_STATUS_LABELS[report.status];
  switch (report.status) {
    case "ACTIVE":
      return {
        label,
        tone,
        headline: `Mail from ${target} is being rejected`,
        meaning: "The relay refuses this sender's mail until the block ends.",
      };
    case "UNDER_REVIEW":
      return {
        label,
        tone,
        headline: `Mail from ${target} is being rejected while we review it`,
        meaning: "Your review request is with our compliance team. Mail stays blocked until they decide.",
      };
    case "LIFTED":
      return {
        label,
        tone,
        headline: `Mail from ${target} is accepted again`,
        meaning: "This block was lifted. The report below explains what happened.",
      };
    case "EXPIRED":
      return {
        label,
        tone,
        headline: `Mail from ${target} is accepted again`,
        meaning: "This block expired on its own. The report below explains what happened.",
      };
  }
}

export interface DurationPresentation {
  label: string;
  /** The moment to show (with a relative hint), or null when the block has no end date. */
  at: string | null;
  text: string | null;
  hint?: string;
}

/** How long the block lasts: until reviewed, until an expiry time, or when it ended. */
export function describeDuration(
  report: Pick<ReportView, "status" | "expiresAt" | "endedAt" | "canAppeal">,
  audience: "sender" | "staff" = "sender",
): DurationPresentation {
  if (report.endedAt)
    return { label: report.status === "LIFTED" ? "Lifted" : "Expired", at: report.endedAt, text: null };
  if (report.expiresAt)
    return {
      label: "Expires",
      at: report.expiresAt,
      text: null,
      hint: "It ends on its own then, if sending has stopped.",
    };
  const staff = audience === "staff";
  const hint =
    report.canAppeal.blocker === "open_appeal"
      ? staff
        ? "The sender's review request is open; it lasts until a reviewer decides."
        : "Your review request is with our compliance team; the decision will appear on this page."
      : staff
        ? "It does not expire on its own: it ends when a review is approved or staff lift it."
        : "It does not expire on its own: fix the cause, then request a review.";
  return { label: "Lasts", at: null, text: "Until reviewed", hint };
}
