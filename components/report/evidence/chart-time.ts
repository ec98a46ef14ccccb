import { formatUtcDateTime } from "@/lib/evidence";

/** Axis labels: the time alone within one UTC day, otherwise date and time. */
export function formatChartTime(iso: string, first?: string, last?: string): string {
  const full = formatUtcDateTime(iso);
  const day = (value?: string) => value?.slice(0, 10);
  return first && last && day(first) === day(last) ? full.replace(/^\d+ \w+ \d{4} /, "") : full;
}
