import { percent as pct } from "./percent";
import { TimeAxisEnds } from "./time-axis-ends";

export interface LinePoint {
  at: string;
  value: number;
}

interface LineChartProps {
  /** What the chart shows, as a sentence for screen readers. */
  label: string;
  points: LinePoint[];
  limit: number;
  limitLabel: string;
  /** The data line's legend entry, e.g. "complaint rate". */
  seriesLabel: string;
  /** Axis titles: what the vertical axis measures (with its unit) and the horizontal one. */
  axisLabels: { y: string; x: string };
  formatValue: (value: number) => string;
  formatTime: (iso: string) => string;
}

const HEIGHT = 180;
const PLOT_TOP = 20;
const PLOT_HEIGHT = 132;

/*
 * Coordinates are percentages of a nested SVG viewport rather than a scaled viewBox, so
 * the chart stretches to any width while its text stays at reading size on a phone.
 * Everything is attributes: the CSP forbids style attributes.
 */
export function LineChart({
  label,
  points,
  limit,
  limitLabel,
  seriesLabel,
  axisLabels,
  formatValue,
  formatTime,
}: LineChartProps) {
  const max = Math.max(limit, ...points.map((p) => p.value)) * 1.18 || 1;
  const x = (i: number) => (points.length === 1 ? 50 : 1.5 + (i / (points.length - 1)) * 97);
  const y = (value: number) => 100 - (value / max) * 100;
  const peakIndex = points.reduce((best, p, i) => (p.value > (points[best]?.value ?? -Infinity) ? i : best), 0);
  const peak = points[peakIndex];
  const anchorOf = (px: number) => (px > 80 ? "end" : px < 20 ? "start" : "middle");

  // The line's segments share their paint through one <g>, and marks are keyed by index:
  // each point is sent twice, in the HTML and again in the RSC payload.
  return (
    <div className="space-y-2">
      <ChartLegend limitLabel={limitLabel} seriesLabel={seriesLabel} />
      <svg role="img" aria-label={label} width="100%" height={HEIGHT} className="block overflow-visible text-xs">
        {/* Axis titles above the plot: the times along the bottom leave no room on a phone. */}
        <text x="0" y="10" className="fill-muted">{`↑ ${axisLabels.y}`}</text>
        <text x="100%" y="10" textAnchor="end" className="fill-muted">{`${axisLabels.x} →`}</text>
        <svg x="0" y={PLOT_TOP} width="100%" height={PLOT_HEIGHT} overflow="visible">
          <text x="0" y="50%" dy="-3" className="fill-muted">
            {formatValue(max / 2)}
          </text>
          <line x1="0" x2="100%" y1="100%" y2="100%" className="stroke-line" strokeWidth="1" />
          <line x1="0" x2="100%" y1="50%" y2="50%" className="stroke-line" strokeWidth="1" strokeDasharray="2 4" />
          <line
            x1="0"
            x2="100%"
            y1={pct(y(limit))}
            y2={pct(y(limit))}
            className="stroke-danger"
            strokeWidth="1.5"
            strokeDasharray="6 4"
          />
          <g className="stroke-accent" strokeWidth="2.5" strokeLinecap="round">
            {points.slice(1).map((p, i) => (
              <line key={i} x1={pct(x(i))} y1={pct(y(points[i]!.value))} x2={pct(x(i + 1))} y2={pct(y(p.value))} />
            ))}
          </g>
          {/* Marks share their paint and offset through a <g> each, like the line. */}
          <g className="fill-danger" transform="translate(-3.5 -3.5)">
            {points.map((p, i) =>
              p.value > limit ? <rect key={i} x={pct(x(i))} y={pct(y(p.value))} width="7" height="7" /> : null,
            )}
          </g>
          <g className="fill-surface stroke-accent" strokeWidth="2">
            {points.map((p, i) =>
              p.value > limit ? null : <circle key={i} cx={pct(x(i))} cy={pct(y(p.value))} r="3" />,
            )}
          </g>
          {peak ? (
            <text
              x={pct(x(peakIndex))}
              y={pct(y(peak.value))}
              dy="-10"
              textAnchor={anchorOf(x(peakIndex))}
              className="fill-ink font-semibold"
            >
              {`peak ${formatValue(peak.value)}`}
            </text>
          ) : null}
        </svg>
        <TimeAxisEnds times={points} y={HEIGHT - 4} formatTime={formatTime} />
      </svg>
    </div>
  );
}

/* The key sits above the plot, where no data line can run through it. */
function ChartLegend({ limitLabel, seriesLabel }: { limitLabel: string; seriesLabel: string }) {
  return (
    <ul aria-hidden="true" className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-muted">
      <li className="flex items-center gap-1.5">
        <svg width="22" height="8">
          <line x1="0" x2="22" y1="4" y2="4" className="stroke-accent" strokeWidth="2.5" strokeLinecap="round" />
        </svg>
        <span className="font-semibold text-ink">{seriesLabel}</span>
      </li>
      <li className="flex items-center gap-1.5">
        <svg width="22" height="8">
          <line x1="0" x2="22" y1="4" y2="4" className="stroke-danger" strokeWidth="1.5" strokeDasharray="6 4" />
        </svg>
        <span className="font-semibold text-danger">{limitLabel}</span>
      </li>
      <li className="flex items-center gap-1.5">
        <svg width="8" height="8">
          <rect width="7" height="7" x="0.5" y="0.5" className="fill-danger" />
        </svg>
        over the limit
      </li>
      <li className="flex items-center gap-1.5">
        <svg width="8" height="8">
          <circle cx="4" cy="4" r="3" className="fill-surface stroke-accent" strokeWidth="1.5" />
        </svg>
        within the limit
      </li>
    </ul>
  );
}
