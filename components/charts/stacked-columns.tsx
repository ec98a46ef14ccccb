export interface StackSeries<Key extends string> {
  key: Key;
  label: string;
  /** A fill class of the theme (fill-danger, fill-accent, …); each series also has its own legend mark. */
  fillClass: string;
  /** A shape for the legend and the segments, so the series read without colour. */
  mark: string;
}

export interface StackColumn<Key extends string> {
  label: string;
  values: Record<Key, number>;
}

interface StackedColumnsProps<Key extends string> {
  /** What the chart shows, as a sentence for screen readers. */
  label: string;
  series: StackSeries<Key>[];
  columns: StackColumn<Key>[];
}

const HEIGHT = 190;
const PLOT_TOP = 18;
const PLOT_HEIGHT = 140;
/** A segment at least this tall (px) carries its series' mark, so the stack reads without colour. */
const MARK_MIN_PX = 14;

/*
 * Columns of stacked counts (say, blocks per week by reason). Coordinates are percentages
 * of a nested SVG viewport so the chart stretches to any width with text at reading size;
 * everything is attributes (the CSP forbids style attributes). Series are stacked in a
 * fixed order, bottom to top, with the legend in the same order; a segment tall enough
 * shows its series' mark, as the legend does.
 */
export function StackedColumns<Key extends string>({ label, series, columns }: StackedColumnsProps<Key>) {
  const totals = columns.map((c) => series.reduce((sum, s) => sum + c.values[s.key], 0));
  const max = Math.max(1, ...totals);
  const width = 100 / Math.max(1, columns.length);
  const first = columns[0];
  const last = columns[columns.length - 1];
  return (
    <div className="space-y-2">
      <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm" aria-hidden="true">
        {series.map((s) => (
          <li key={s.key} className="flex items-center gap-1.5">
            <svg width="12" height="12" className="shrink-0">
              <rect width="12" height="12" rx="2" className={s.fillClass} />
            </svg>
            <span>
              {s.mark} {s.label}
            </span>
          </li>
        ))}
      </ul>
      <svg role="img" aria-label={label} width="100%" height={HEIGHT} className="block overflow-visible text-xs">
        <svg x="0" y={PLOT_TOP} width="100%" height={PLOT_HEIGHT} overflow="visible">
          <line x1="0" x2="100%" y1="100%" y2="100%" className="stroke-line" strokeWidth="1" />
          <line x1="0" x2="100%" y1="0" y2="0" className="stroke-line" strokeWidth="1" strokeDasharray="2 4" />
          {columns.map((column, i) => {
            let base = 0;
            return (
              <g key={column.label}>
                {series.map((s) => {
                  const value = column.values[s.key];
                  if (!value) return null;
                  const h = (value / max) * 100;
                  base += h;
                  return (
                    <g key={s.key}>
                      <rect
                        x={`${i * width + width * 0.15}%`}
                        width={`${width * 0.7}%`}
                        y={`${100 - base}%`}
                        height={`${h}%`}
                        className={`${s.fillClass} stroke-surface`}
                        strokeWidth="1"
                      />
                      {h * PLOT_HEIGHT >= MARK_MIN_PX * 100 ? (
                        <text
                          x={`${i * width + width / 2}%`}
                          y={`${100 - base + h / 2}%`}
                          textAnchor="middle"
                          dominantBaseline="central"
                          className="fill-surface"
                        >
                          {s.mark}
                        </text>
                      ) : null}
                    </g>
                  );
                })}
                {totals[i] ? (
                  <text
                    x={`${i * width + width / 2}%`}
                    y={`${100 - base}%`}
                    dy="-4"
                    textAnchor="middle"
                    className="fill-ink tabular-nums"
                  >
                    {totals[i]}
                  </text>
                ) : null}
              </g>
            );
          })}
        </svg>
        <text x="0" y={PLOT_TOP - 6} className="fill-muted">{`max ${max}`}</text>
        {first ? (
          <text x="0" y={HEIGHT - 4} className="fill-muted">
            {first.label}
          </text>
        ) : null}
        {last && columns.length > 1 ? (
          <text x="100%" y={HEIGHT - 4} textAnchor="end" className="fill-muted">
            {last.label}
          </text>
        ) : null}
      </svg>
    </div>
  );
}
