import { formatUtcDate, formatUtcTime } from "@/lib/evidence/format";

/**
 * Axis labels, short enough that the first and the last fit side by side down to 320 px
 * (an SVG label cannot wrap): the axis is titled "time (UTC)", so no "UTC"; the time alone
 * within one UTC day, else the day and time, with the year only when the two years differ.
 */
export function formatChartTime(iso: string, first?: string, last?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const time = formatUtcTime(date);
  const same = (length: number) => Boolean(first && last && first.slice(0, length) === last.slice(0, length));
  if (same(10)) return time;
  const day = formatUtcDate(date);
  return `${same(4) ? day.replace(/ \d{4}$/, "") : day} ${time}`;
}
