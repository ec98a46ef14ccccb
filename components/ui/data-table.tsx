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

/** A plain, scrollable table; the text equivalent of every chart uses it too. */
export function DataTable<Row>({ caption, columns, rows, rowKey, captionHidden = false }: DataTableProps<Row>) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full border-collapse text-sm">
        <caption className={captionHidden ? "sr-only" : "mb-2 text-left text-sm text-muted"}>{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column.header} scope="col" className={`border-b border-line px-2 py-1.5 font-semibold ${column.align === "right" ? "text-right" : "text-left"}`}>
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => (
            <tr key={rowKey(row, index)} className="border-b border-line last:border-b-0">
              {columns.map((column) => (
                <td key={column.header} className={`px-2 py-1.5 align-top ${column.align === "right" ? "text-right tabular-nums" : "text-left"}`}>
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
