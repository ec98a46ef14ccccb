/** The first and last time of a chart's series, under its plot (y: the chart's baseline). */
export function TimeAxisEnds({
  times,
  y,
  formatTime,
}: {
  times: readonly { at: string }[];
  y: number;
  formatTime: (at: string) => string;
}) {
  const first = times[0];
  const last = times[times.length - 1];
  return (
    <>
      {first ? (
        <text x="0" y={y} className="fill-muted">
          {formatTime(first.at)}
        </text>
      ) : null}
      {last && times.length > 1 ? (
        <text x="100%" y={y} textAnchor="end" className="fill-muted">
          {formatTime(last.at)}
        </text>
      ) : null}
    </>
  );
}
