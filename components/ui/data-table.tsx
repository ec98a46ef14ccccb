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
}

/*
 * Padding, rules and alignment are set once on the table, for its own cells, rather than
 * on each cell: an evidence table has dozens of cells, and every copy of their classes was
 * sent twice (in the HTML and again in the RSC payload). A cell only says when it is right-aligned.
 */
const TABLE =
  "w-full border-collapse text-left text-sm " +
  "[&>thead>tr>th]:border-b [&>thead>tr>th]:border-line [&>thead>tr>th]:px-2 [&>thead>tr>th]:py-1.5 [&>thead>tr>th]:font-semibold " +
  "[&>tbody>tr]:border-b [&>tbody>tr]:border-line [&>tbody>tr:last-child]:border-b-0 " +
  "[&>tbody>tr>td]:px-2 [&>tbody>tr>td]:py-1.5 [&>tbody>tr>td]:align-top";

/** A plain, scrollable table; the text equivalent of every chart uses it too. */
export function DataTable<Row>({ caption, columns, rows, rowKey, captionHidden = false }: DataTableProps<Row>) {
  return (
    <div className="overflow-x-auto">
      <table className={TABLE}>
        <caption className={captionHidden ? "sr-only" : "mb-2 text-left text-sm text-muted"}>{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column.header} scope="col" className={column.align === "right" ? "text-right" : "text-left"}>
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => (
            <tr key={rowKey(row, index)}>
              {columns.map((column, i) => (
                <td key={i} className={column.align === "right" ? "text-right tabular-nums" : undefined}>
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
