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
}

const HEIGHT = 170;
const PLOT_TOP = 22;
const PLOT_HEIGHT = 120;

/*
 * Vertical bars over time, one per period. As in LineChart, coordinates are percentages of
 * a nested viewport, so the chart fills any width while its text stays at reading size,
 * and everything is attributes (the CSP forbids style attributes).
 */
export function ColumnChart({ label, columns, formatValue, formatTime }: ColumnChartProps) {
  const max = Math.max(1, ...columns.map((c) => c.value)) * 1.15;
  const slot = 100 / Math.max(1, columns.length);
  const peakIndex = columns.reduce((best, c, i) => (c.value > (columns[best]?.value ?? -Infinity) ? i : best), 0);
  const peak = columns[peakIndex];
  const peakX = (peakIndex + 0.5) * slot;
  return (
    <svg role="img" aria-label={label} width="100%" height={HEIGHT} className="block overflow-visible text-xs">
      <svg x="0" y={PLOT_TOP} width="100%" height={PLOT_HEIGHT} overflow="visible">
        <line x1="0" x2="100%" y1="100%" y2="100%" className="stroke-line" strokeWidth="1" />
        <line x1="0" x2="100%" y1="50%" y2="50%" className="stroke-line" strokeWidth="1" strokeDasharray="2 4" />
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
            {`peak ${formatValue(peak.value)}`}
          </text>
        ) : null}
      </svg>
      <TimeAxisEnds times={columns} y={HEIGHT - 4} formatTime={formatTime} />
    </svg>
  );
}
