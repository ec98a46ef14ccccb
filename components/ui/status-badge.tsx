export type Tone = "danger" | "warning" | "success" | "info" | "neutral";

const TONE_CLASSES: Record<Tone, string> = {
  danger: "bg-danger-bg text-danger border-danger",
  warning: "bg-warning-bg text-warning border-warning",
  success: "bg-success-bg text-success border-success",
  info: "bg-info-bg text-info border-info",
  neutral: "bg-neutral-bg text-neutral border-neutral",
};

// Shapes differ per tone so the state reads without colour (colour-blind readers, print).
const TONE_ICONS: Record<Tone, string> = {
  danger: "■",
  warning: "▲",
  success: "✓",
  info: "●",
  neutral: "○",
};

/** A status: icon, word and colour together, never colour alone. */
export function StatusBadge({ tone, label }: { tone: Tone; label: string }) {
  return (
    <span
      className={`inline-flex items-center gap-1.5 rounded-full border px-2.5 py-0.5 text-sm font-semibold whitespace-nowrap ${TONE_CLASSES[tone]}`}
    >
      <span aria-hidden="true">{TONE_ICONS[tone]}</span>
      {label}
    </span>
  );
}
