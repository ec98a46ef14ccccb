import { AxisBars, type AxisBar } from "@/components/charts/axis-bars";
import { ChartFigure } from "@/components/charts/chart-figure";
import { DataTable } from "@/components/ui/data-table";
import { Section } from "@/components/ui/section";
import type { ReportView } from "@/lib/reports/report-view";
import { formatNumber } from "@/lib/evidence";
import type { BlockReason } from "@/lib/generated/prisma/enums";

export const AXIS_LABELS: Record<BlockReason, string> = {
  SPAM: "Spam content",
  ABUSE: "Abuse signals",
  RATE: "Sending rate",
};

/** How the scores led to the block: each axis against the threshold the combined score crossed. */
export function WhySection({ report }: { report: ReportView }) {
  const { scores, reason } = report;
  const bars: AxisBar[] = [
    { label: AXIS_LABELS.SPAM, value: scores.spam, emphasis: reason === "SPAM" ? "primary" : undefined },
    { label: AXIS_LABELS.ABUSE, value: scores.abuse, emphasis: reason === "ABUSE" ? "primary" : undefined },
    { label: AXIS_LABELS.RATE, value: scores.rate, emphasis: reason === "RATE" ? "primary" : undefined },
    { label: "Combined score", value: scores.combined, emphasis: "total" },
  ];
  const crossed = scores.combined >= scores.threshold;
  const label = `Scores out of 100: spam content ${formatNumber(scores.spam)}, abuse signals ${formatNumber(scores.abuse)}, sending rate ${formatNumber(scores.rate)}; combined ${formatNumber(scores.combined)} against a threshold of ${formatNumber(scores.threshold)}.`;
  return (
    <Section id="why" title="Why this happened">
      <p>
        Our outbound protection scores every sender on three axes, from 0 to 100: spam content{" "}
        {formatNumber(scores.spam)}, abuse signals {formatNumber(scores.abuse)} and sending rate{" "}
        {formatNumber(scores.rate)} here. It combines them into one combined score, also 0 to 100: a weighted
        combination led by the strongest axis, not a sum or an average, so it can be lower than the highest axis score.
        Here the combined score was {formatNumber(scores.combined)}, and {AXIS_LABELS[reason].toLowerCase()} weighed
        most.
      </p>
      <p>
        The threshold, {formatNumber(scores.threshold)}, is the combined score at which the relay blocks a sender.{" "}
        {crossed
          ? `${formatNumber(scores.combined)} is ${formatNumber(scores.combined - scores.threshold)} ${scores.combined - scores.threshold === 1 ? "point" : "points"} at or above it, so mail was refused. The block does not end when the score falls: it ends when it is lifted on review${report.expiresAt ? " or at its expiry" : ""}.`
          : `${formatNumber(scores.combined)} is below it: this block was set for the reason above rather than by the score alone.`}
      </p>
      <ChartFigure
        chart={
          <AxisBars
            label={label}
            bars={bars}
            max={100}
            threshold={scores.threshold}
            thresholdLabel={`threshold ${formatNumber(scores.threshold)}`}
            formatValue={formatNumber}
          />
        }
        table={
          <DataTable<AxisBar>
            caption="Scores out of 100"
            rows={bars}
            rowKey={(bar) => bar.label}
            columns={[
              { header: "Axis", cell: (bar) => bar.label },
              { header: "Score", align: "right", cell: (bar) => formatNumber(bar.value) },
              { header: "Threshold", align: "right", cell: () => formatNumber(scores.threshold) },
            ]}
          />
        }
      />
    </Section>
  );
}
