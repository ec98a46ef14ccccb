import { percent } from "./percent";

export interface AxisBar {
  label: string;
  value: number;
  /** The bar the reader should look at: the block's own axis, or the combined score. */
  emphasis?: "primary" | "total";
}

interface AxisBarsProps {
  label: string;
  bars: AxisBar[];
  /** Values run from 0 to `max`; a threshold, when given, is drawn across every bar. */
  max: number;
  threshold?: number;
  thresholdLabel?: string;
  formatValue: (value: number) => string;
}

const ROW = 46;
const BAR_HEIGHT = 12;
const BAR_OFFSET = 22;

const BAR_CLASSES = { primary: "fill-danger", total: "fill-ink" } as const;

/** Horizontal bars, optionally with a threshold marker; widths are percentages so text never scales. */
export function AxisBars({ label, bars, max, threshold, thresholdLabel, formatValue }: AxisBarsProps) {
  const height = bars.length * ROW + (threshold === undefined ? 0 : 22);
  const pct = (value: number) => percent(max > 0 ? Math.min(100, Math.max(0, (value / max) * 100)) : 0);
  return (
    <svg role="img" aria-label={label} width="100%" height={height} className="block overflow-visible text-sm">
      {bars.map((bar, i) => {
        const top = i * ROW;
        return (
          <g key={bar.label}>
            <text x="0" y={top + 15} className={bar.emphasis ? "fill-ink font-semibold" : "fill-muted"}>
              {bar.label}
            </text>
            <text x="100%" y={top + 15} textAnchor="end" className="fill-ink font-semibold tabular-nums">
              {formatValue(bar.value)}
            </text>
            <rect
              x="0"
              y={top + BAR_OFFSET}
              width="100%"
              height={BAR_HEIGHT}
              rx="3"
              className="fill-sunken stroke-line"
              strokeWidth="1"
            />
            <rect
              x="0"
              y={top + BAR_OFFSET}
              width={pct(bar.value)}
              height={BAR_HEIGHT}
              rx="3"
              className={bar.emphasis ? BAR_CLASSES[bar.emphasis] : "fill-neutral"}
            />
          </g>
        );
      })}
      {threshold === undefined ? null : (
        <>
          <line
            x1={pct(threshold)}
            x2={pct(threshold)}
            y1={BAR_OFFSET - 3}
            y2={bars.length * ROW}
            className="stroke-danger"
            strokeWidth="2"
            strokeDasharray="4 3"
          />
          <text x={pct(threshold)} y={height - 2} textAnchor="middle" className="fill-danger text-xs font-semibold">
            {thresholdLabel}
          </text>
        </>
      )}
    </svg>
  );
}
