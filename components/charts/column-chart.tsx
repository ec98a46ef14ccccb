import { percent } from "./percent";
import { TimeAxisEnds } from "./time-axis-ends";

export interface Column {
  /** The column's key and its label in the table equivalent (a UTC day, say). */
  at: string;
  value: number;
}

interface ColumnChartProps {
  /** What the chart shows, as a sentence for screen readers. */
  label: string;
  columns: Column[];
  formatValue: (value: number) => string;
  formatTime: (at: string) => string;
  /** What the columns are, for the peak's label when several share it ("peak 3 (on 2 days)"). */
  periods?: string;
}

const HEIGHT = 170;

/**
 * The gridline's value: the largest 1, 2 or 5 × 10ⁿ at most half the peak, so the line
 * sits about midway and its label is a round number; none below a peak of 2 (counts).
 */
export function gridValue(peak: number): number | null {
  if (!(peak >= 2)) return null;
  const half = peak / 2;
  const power = 10 ** Math.floor(Math.log10(half));
  return [5, 2, 1].map((m) => m * power).find((value) => value <= half) ?? power;
}
const PLOT_TOP = 22;
const PLOT_HEIGHT = 120;

/*
 * Vertical bars over time, one per period. As in LineChart, coordinates are percentages of
 * a nested viewport, so the chart fills any width while its text stays at reading size,
 * and everything is attributes (the CSP forbids style attributes).
 */
export function ColumnChart({ label, columns, formatValue, formatTime, periods = "days" }: ColumnChartProps) {
  const max = Math.max(1, ...columns.map((c) => c.value)) * 1.15;
  const slot = 100 / Math.max(1, columns.length);
  const peakIndex = columns.reduce((best, c, i) => (c.value > (columns[best]?.value ?? -Infinity) ? i : best), 0);
  const peak = columns[peakIndex];
  const peakX = (peakIndex + 0.5) * slot;
  // Every column at the peak is marked; the label (over the first) says how many there are.
  const atPeak = peak ? columns.filter((c) => c.value === peak.value).length : 0;
  const grid = peak ? gridValue(peak.value) : null;
  const gridY = grid === null ? 0 : 100 - (grid / max) * 100;
  return (
    <svg role="img" aria-label={label} width="100%" height={HEIGHT} className="block overflow-visible text-xs">
      <svg x="0" y={PLOT_TOP} width="100%" height={PLOT_HEIGHT} overflow="visible">
        <line x1="0" x2="100%" y1="100%" y2="100%" className="stroke-line" strokeWidth="1" />
        {grid === null ? null : (
          <g>
            <line
              x1="0"
              x2="100%"
              y1={percent(gridY)}
              y2={percent(gridY)}
              className="stroke-line"
              strokeWidth="1"
              strokeDasharray="2 4"
            />
            <text x="0" y={percent(gridY)} dy="-3" className="fill-muted tabular-nums">
              {formatValue(grid)}
            </text>
          </g>
        )}
        <g className="fill-accent">
          {columns.map((c, i) => {
            const h = (c.value / max) * 100;
            return (
              <rect
                key={c.at}
                x={percent(i * slot + slot * 0.15)}
                width={percent(slot * 0.7)}
                y={percent(100 - h)}
                height={percent(h)}
                rx="1.5"
              />
            );
          })}
        </g>
        {peak && peak.value > 0 ? (
          <text
            x={percent(peakX)}
            y={percent(100 - (peak.value / max) * 100)}
            dy="-6"
            textAnchor={peakX > 80 ? "end" : peakX < 20 ? "start" : "middle"}
            className="fill-ink font-semibold"
          >
            {`peak ${formatValue(peak.value)}${atPeak > 1 ? ` (on ${atPeak} ${periods})` : ""}`}
          </text>
        ) : null}
      </svg>
      <TimeAxisEnds times={columns} y={HEIGHT - 4} formatTime={formatTime} />
    </svg>
  );
}
