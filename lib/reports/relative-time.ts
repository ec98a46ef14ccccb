import { formatUtcDateTime } from "@/lib/evidence";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

function span(ms: number): string {
  // No-break spaces keep "3 h" together when a line wraps.
  if (ms < HOUR) return `${Math.max(1, Math.round(ms / MINUTE))}\u00a0min`;
  if (ms < 2 * DAY) return `${Math.round(ms / HOUR)}\u00a0h`;
  return `${Math.round(ms / DAY)}\u00a0days`;
}

/**
 * `3 h ago`, `in 45 min`, `just now`. Computed when the page is rendered; the front
 * server serves a rendered page for at most 30 s (lib/report-cache), so a hint is at most
 * that much behind.
 */
export function formatRelative(iso: string, now: Date): string {
  const diff = Date.parse(iso) - now.getTime();
  if (Number.isNaN(diff)) return "";
  if (Math.abs(diff) < MINUTE) return "just now";
  return diff < 0 ? `${span(-diff)} ago` : `in ${span(diff)}`;
}

/** `27 Nov 2026 14:02 UTC · 3 h ago`: absolute UTC first, the relative hint after it. */
export function formatWhen(iso: string, now: Date): string {
  const relative = formatRelative(iso, now);
  return relative ? `${formatUtcDateTime(iso)} · ${relative}` : formatUtcDateTime(iso);
}

/** A length of time, `45 min`, `3 h`, `4 days`: the same words the relative hints use. */
export function formatDuration(ms: number): string {
  return span(Math.max(0, ms));
}
