import type { ReactNode } from "react";

interface ChartFigureProps {
  /** The chart itself: an SVG with role="img" and an aria-label that states the finding. */
  chart: ReactNode;
  /** The same numbers as a table, for screen readers, copying and exact values. */
  table: ReactNode;
  caption?: ReactNode;
}

/** A server-rendered chart with its text equivalent one click away. */
export function ChartFigure({ chart, table, caption }: ChartFigureProps) {
  return (
    <figure className="space-y-2">
      {chart}
      {caption ? <figcaption className="text-sm text-muted">{caption}</figcaption> : null}
      <details className="group text-sm print:hidden">
        <summary className="cursor-pointer font-medium text-accent underline-offset-2 hover:underline">
          Show as table
        </summary>
        <div className="mt-2">{table}</div>
      </details>
    </figure>
  );
}
