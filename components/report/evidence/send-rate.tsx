import { ChartFigure } from "@/components/charts/chart-figure";
import { LineChart } from "@/components/charts/line-chart";
import { DataTable } from "@/components/ui/data-table";
import {
  formatCount,
  formatNumber,
  formatPerMinute,
  formatUtcDateTime,
  toDisplayText,
  type EvidenceOf,
} from "@/lib/evidence";
import { formatChartTime } from "./chart-time";

type Point = EvidenceOf<"send_rate">["points"][number];

/** Messages per minute against the plan's limit. */
export function SendRateEvidence({ item }: { item: EvidenceOf<"send_rate"> }) {
  const peak = Math.max(...item.points.map((p) => p.perMinute));
  const over = item.points.filter((p) => p.perMinute > item.limitPerMinute).length;
  const plan = item.planName ? `the ${toDisplayText(item.planName)} plan` : "the plan";
  return (
    <ChartFigure
      chart={
        <LineChart
          label={`Sending rate over time: peak ${formatPerMinute(peak)} against ${plan}'s limit of ${formatPerMinute(item.limitPerMinute)}; ${over} of ${item.points.length} measurements over the limit.`}
          points={item.points.map((p) => ({ at: p.at, value: p.perMinute }))}
          limit={item.limitPerMinute}
          limitLabel={`plan limit ${formatCount(item.limitPerMinute)}/min`}
          seriesLabel="messages per minute"
          axisLabels={{ y: "messages per minute", x: "time (UTC)" }}
          formatValue={(v) => `${formatCount(v)}/min`}
          formatTime={(iso) => formatChartTime(iso, item.points[0]?.at, item.points.at(-1)?.at)}
        />
      }
      caption={`Messages per minute. Peak ${formatPerMinute(peak)}; ${plan} allows ${formatPerMinute(item.limitPerMinute)}.`}
      table={
        <DataTable<Point>
          caption="Sending rate by minute"
          rows={item.points}
          rowKey={(_, i) => String(i)}
          columns={[
            { header: "Time (UTC)", cell: (p) => formatUtcDateTime(p.at) },
            { header: "Messages per minute", align: "right", cell: (p) => formatNumber(p.perMinute) },
            { header: "Over the limit", cell: (p) => (p.perMinute > item.limitPerMinute ? "yes" : "no") },
          ]}
        />
      }
    />
  );
}
