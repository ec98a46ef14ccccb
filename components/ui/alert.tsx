import type { ReactNode } from "react";
import type { Tone } from "./status-badge";

const CLASSES: Record<Tone, string> = {
  danger: "border-danger bg-danger-bg",
  warning: "border-warning bg-warning-bg",
  success: "border-success bg-success-bg",
  info: "border-info bg-info-bg",
  neutral: "border-line bg-sunken",
};

const ICONS: Record<Tone, string> = { danger: "■", warning: "▲", success: "✓", info: "ℹ", neutral: "○" };

/** A message box. `role="alert"` only for errors the user must act on now. */
export function Alert({
  tone,
  title,
  children,
  live = false,
}: {
  tone: Tone;
  title?: string;
  children?: ReactNode;
  live?: boolean;
}) {
  return (
    <div
      role={live ? (tone === "danger" ? "alert" : "status") : undefined}
      className={`flex gap-3 rounded-md border-l-4 p-3 text-sm ${CLASSES[tone]}`}
    >
      <span aria-hidden="true" className="font-bold">
        {ICONS[tone]}
      </span>
      <div className="space-y-1">
        {title ? <p className="font-semibold">{title}</p> : null}
        {children ? <div>{children}</div> : null}
      </div>
    </div>
  );
}
