import { formatUtcDateTime } from "@/lib/evidence";
import { formatRelative } from "@/lib/reports/relative-time";

/**
 * `27 Nov 2026 14:02 UTC · 3 h ago`: absolute UTC, then a muted relative hint, inline or
 * (`stacked`) on its own line.
 */
export function When({ iso, now, stacked = false }: { iso: string; now: Date; stacked?: boolean }) {
  const relative = formatRelative(iso, now);
  return (
    <>
      {/* Stacked (a narrow column): the date may break before the time of day. */}
      <time dateTime={iso} className={stacked ? "sm:whitespace-nowrap" : "whitespace-nowrap"}>
        {formatUtcDateTime(iso)}
      </time>
      {relative ? (
        <span className={`whitespace-nowrap text-muted ${stacked ? "block text-sm font-normal" : ""}`}>
          {stacked ? relative : ` · ${relative}`}
        </span>
      ) : null}
    </>
  );
}
