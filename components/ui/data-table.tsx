import type { ReactNode } from "react";

interface Column<Row> {
  header: string;
  cell: (row: Row) => ReactNode;
  align?: "left" | "right";
}

interface DataTableProps<Row> {
  caption: string;
  columns: Column<Row>[];
  rows: Row[];
  rowKey: (row: Row, index: number) => string;
  captionHidden?: boolean;
  /**
   * Below the `sm` width, one card per row, each cell under its column's name, instead of a
   * table to scroll sideways (the `data-table-stack` class in app/globals.css). For a table
   * whose rows are read one at a time, like a list of blocks.
   */
  stackOnPhones?: boolean;
}

/*
 * Padding, rules and alignment are set once on the table (the `data-table` class and its
 * `num-col-N` classes for right-aligned, numeric columns, in app/globals.css), not on each
 * cell: an evidence table has dozens of cells, and every copy of their classes was sent
 * twice (in the HTML and again in the RSC payload). Only a right-aligned column past the
 * eighth says so on its cells.
 */
const NUM_COLUMNS = [
  "num-col-1",
  "num-col-2",
  "num-col-3",
  "num-col-4",
  "num-col-5",
  "num-col-6",
  "num-col-7",
  "num-col-8",
];
const RIGHT = "text-right tabular-nums";

/**
 * A plain table; the text equivalent of every chart uses it too. Too wide for a phone, it
 * scrolls sideways in its own box: a shadow at the edge that has more columns says so (the
 * `table-scroll` class in app/globals.css, CSS only), and the box is a named region that
 * takes focus, so the arrow keys scroll it without a mouse.
 */
export function DataTable<Row>({
  caption,
  columns,
  rows,
  rowKey,
  captionHidden = false,
  stackOnPhones = false,
}: DataTableProps<Row>) {
  const right = (i: number) => columns[i]!.align === "right";
  const numColumns = columns.flatMap((_, i) => (right(i) && i < NUM_COLUMNS.length ? [NUM_COLUMNS[i]] : []));
  // Props that would be undefined are left out rather than passed as undefined: the page's
  // RSC payload spells every prop out ("role":"$undefined"), per cell of every table.
  const cellClass = (i: number) => (right(i) && i >= NUM_COLUMNS.length ? { className: RIGHT } : {});
  // Stacked, the table's parts are no longer laid out as a table: their roles, stated, keep
  // it one for screen readers (some browsers drop them with the table's display).
  const role = (name: string) => (stackOnPhones ? { role: name } : {});
  return (
    <div className="table-scroll" role="region" aria-label={caption} tabIndex={0}>
      <table
        className={["data-table", ...numColumns, ...(stackOnPhones ? ["data-table-stack"] : [])].join(" ")}
        {...role("table")}
      >
        <caption className={captionHidden ? "sr-only" : "mb-2 text-left text-sm text-muted"}>{caption}</caption>
        <thead {...role("rowgroup")}>
          <tr {...role("row")}>
            {columns.map((column, i) => (
              <th key={column.header} scope="col" {...cellClass(i)} {...role("columnheader")}>
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody {...role("rowgroup")}>
          {rows.map((row, index) => (
            <tr key={rowKey(row, index)} {...role("row")}>
              {columns.map((column, i) => (
                <td key={i} {...cellClass(i)} {...(stackOnPhones && { role: "cell", "data-label": column.header })}>
                  {column.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
