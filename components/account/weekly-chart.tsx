import { ChartFigure } from "@/components/charts/chart-figure";
import { StackedColumns, type StackSeries } from "@/components/charts/stacked-columns";
import { DataTable } from "@/components/ui/data-table";
import { formatCountOf, formatUtcDate } from "@/lib/evidence/format";
import type { WeekCounts } from "@/lib/data/account";
import type { BlockReason } from "@/lib/generated/prisma/enums";
import { REASON_LABELS } from "./labels";

const SERIES: StackSeries<BlockReason>[] = [
  { key: "SPAM", label: REASON_LABELS.SPAM, fillClass: "fill-accent", mark: "●" },
  { key: "ABUSE", label: REASON_LABELS.ABUSE, fillClass: "fill-danger", mark: "■" },
  { key: "RATE", label: REASON_LABELS.RATE, fillClass: "fill-neutral", mark: "▲" },
];

/** "21 Sep 2026": dates as every other page writes them (not the locale's "21 Sept"). */
const weekLabel = (iso: string) => formatUtcDate(new Date(iso));

/** Blocks per week by reason over the last weeks: a server-rendered chart and the same numbers as a table. */
export function WeeklyChart({ weeks }: { weeks: WeekCounts[] }) {
  const total = weeks.reduce((sum, w) => sum + w.SPAM + w.ABUSE + w.RATE, 0);
  const label = `Blocks per week by reason over the last ${weeks.length} weeks: ${total} in all. ${SERIES.map((s) => `${s.label} ${weeks.reduce((sum, w) => sum + w[s.key], 0)}`).join(", ")}.`;
  return (
    <ChartFigure
      chart={
        <StackedColumns
          label={label}
          series={SERIES}
          columns={weeks.map((w) => ({
            label: weekLabel(w.weekStart),
            values: { SPAM: w.SPAM, ABUSE: w.ABUSE, RATE: w.RATE },
          }))}
        />
      }
      caption={`Weeks start on Monday (UTC); the last column is the week so far. ${formatCountOf(total, "block")} in ${formatCountOf(weeks.length, "week")}.`}
      table={
        <DataTable
          caption="Blocks per week by reason"
          rows={weeks}
          rowKey={(w) => w.weekStart}
          columns={[
            // On one line: "21 Sep 2026", not a word a line in a narrow column.
            { header: "Week of", cell: (w) => <span className="whitespace-nowrap">{weekLabel(w.weekStart)}</span> },
            ...SERIES.map((s) => ({ header: s.label, cell: (w: WeekCounts) => w[s.key], align: "right" as const })),
            { header: "Total", cell: (w: WeekCounts) => w.SPAM + w.ABUSE + w.RATE, align: "right" as const },
          ]}
        />
      }
    />
  );
}
