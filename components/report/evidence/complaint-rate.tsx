import { ChartFigure } from "@/components/charts/chart-figure";
import { LineChart } from "@/components/charts/line-chart";
import { DataTable } from "@/components/ui/data-table";
import { formatCount, formatPercent, formatUtcDateTime, type EvidenceOf } from "@/lib/evidence";
import { formatChartTime } from "./chart-time";

type Point = EvidenceOf<"complaint_rate">["points"][number];

/** The complaint rate over time against its limit, with the same numbers as a table. */
export function ComplaintRateEvidence({ item }: { item: EvidenceOf<"complaint_rate"> }) {
  const peak = Math.max(...item.points.map((p) => p.ratePercent));
  const over = item.points.filter((p) => p.ratePercent > item.thresholdPercent).length;
  const label = `Complaint rate over time: peak ${formatPercent(peak)} of delivered against a limit of ${formatPercent(item.thresholdPercent)}; ${over} of ${item.points.length} measurements over the limit.`;
  return (
    <ChartFigure
      chart={
        <LineChart
          label={label}
          points={item.points.map((p) => ({ at: p.at, value: p.ratePercent }))}
          limit={item.thresholdPercent}
          limitLabel={`limit ${formatPercent(item.thresholdPercent)}`}
          seriesLabel="complaint rate"
          axisLabels={{ y: "% of delivered", x: "time (UTC)" }}
          formatValue={formatPercent}
          formatTime={(iso) => formatChartTime(iso, item.points[0]?.at, item.points.at(-1)?.at)}
        />
      }
      caption={`Complaints as a share of delivered messages. Peak ${formatPercent(peak)}, limit ${formatPercent(item.thresholdPercent)}.`}
      table={
        <DataTable<Point>
          caption="Complaint rate by time"
          rows={item.points}
          rowKey={(_, i) => String(i)}
          columns={[
            { header: "Time (UTC)", cell: (p) => formatUtcDateTime(p.at) },
            { header: "Complaint rate", align: "right", cell: (p) => formatPercent(p.ratePercent) },
            { header: "Delivered", align: "right", cell: (p) => formatCount(p.delivered) },
            { header: "Complaints", align: "right", cell: (p) => formatCount(p.complaints) },
          ]}
        />
      }
    />
  );
}
