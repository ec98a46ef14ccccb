/*
 * How the report writes numbers and times: en-GB grouping, a unit on every number
 * ("0.62 %", "1,840 messages per minute") and absolute UTC times ("27 Nov 2026 14:02 UTC").
 */

const counts = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 0 });
const decimals = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 2 });
const smallPercents = new Intl.NumberFormat("en-GB", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** `1204` → `1,204`. */
export function formatCount(value: number): string {
  return counts.format(value);
}

/** `1, "request"` → `1 request`, `1204, "request"` → `1,204 requests`. */
export function formatCountOf(value: number, singular: string, plural = `${singular}s`): string {
  return `${counts.format(value)} ${value === 1 ? singular : plural}`;
}

/** How long a rate-limited client waits: `1` → `1 second`, `45` → `45 seconds`, `900` → `15 minutes`. */
export function formatWait(seconds: number): string {
  return seconds >= 120 ? formatCountOf(Math.ceil(seconds / 60), "minute") : formatCountOf(seconds, "second");
}

/** `12.5` → `12.5`, `2.599` → `2.6`: scores and rates. */
export function formatNumber(value: number): string {
  return decimals.format(value);
}

/** `0.62` → `0.62 %`, `0.3` → `0.30 %`, `24` → `24 %`: small rates keep two decimals so a rate and its limit line up. */
export function formatPercent(value: number): string {
  if (value > 0 && value < 0.01) return "< 0.01 %";
  return `${value > 0 && value < 1 ? smallPercents.format(value) : decimals.format(value)} %`;
}

/** `1840` → `1,840 messages per minute`. */
export function formatPerMinute(value: number): string {
  return `${formatNumber(value)} ${value === 1 ? "message" : "messages"} per minute`;
}

/** `3, "spam trap"` → `3 spam traps`. */
export function formatQuantity(value: number, singular: string, plural = `${singular}s`): string {
  return `${formatCount(value)} ${value === 1 ? singular : plural}`;
}

/** `["a", "b", "c"]` → `a, b and c`. */
export function formatList(words: string[]): string {
  if (words.length <= 1) return words.join("");
  return `${words.slice(0, -1).join(", ")} and ${words[words.length - 1]}`;
}

const pad = (n: number) => String(n).padStart(2, "0");

/** `27 Nov 2026`, in UTC. */
export function formatUtcDate(date: Date): string {
  return `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}

/** `14:02`, in UTC. */
export function formatUtcTime(date: Date): string {
  return `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}`;
}

/** `2026-11-27T14:02:00Z` → `27 Nov 2026 14:02 UTC`; an unparseable value is returned as given. */
export function formatUtcDateTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${formatUtcDate(date)} ${formatUtcTime(date)} UTC`;
}

/**
 * The first `max` characters of `value` (code points, so an emoji is never cut in half)
 * and how many more there are, without making an array of a long string's characters.
 */
export function firstCharacters(value: string, max: number): { shown: string; hidden: number } {
  if (value.length <= max) return { shown: value, hidden: 0 }; // never more code points than UTF-16 units
  let end = 0;
  for (let count = 0; count < max && end < value.length; count += 1) end += value.codePointAt(end)! > 0xffff ? 2 : 1;
  const rest = value.slice(end);
  const pairs = rest.match(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g)?.length ?? 0;
  return { shown: value.slice(0, end), hidden: rest.length - pairs };
}
