import { Readable } from "node:stream";
import { stringify } from "csv-stringify";

/*
 * CSV downloads that are safe to open in a spreadsheet. Quoting follows RFC 4180 (fields
 * with a comma, quote, CR or LF are quoted, quotes doubled, CRLF between records) and is
 * csv-stringify's; on top of that, a cell a spreadsheet would run as a formula — one that
 * starts with =, +, -, @, a tab or a carriage return (OWASP's list) — gets a leading
 * apostrophe, so it is shown as the text it is. Text written by senders, spammers or a
 * sign-in form passes through here: never trust it to be data.
 */

const FORMULA_START = /^[=+\-@\t\r]/;

/** `=HYPERLINK(…)` → `'=HYPERLINK(…)`; anything else unchanged. */
export function neutraliseFormula(cell: string): string {
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

export type CsvCell = string | number | Date | null | undefined;

const cellText = (cell: CsvCell): string =>
  cell == null ? "" : cell instanceof Date ? cell.toISOString() : String(cell);

/**
 * A streamed CSV document: the header, then each batch of rows as `rows` yields it, so a
 * large export never sits in memory whole. For a Response body.
 */
export function csvStream(header: string[], rows: AsyncIterable<CsvCell[][]>): ReadableStream<Uint8Array> {
  // csv-stringify quotes a field holding the record delimiter (CRLF) but not a lone CR or LF, which RFC 4180 also requires.
  const stringifier = stringify({ record_delimiter: "windows", quoted_match: /[\r\n]/ });
  const source = Readable.from(
    (async function* () {
      yield header.map((h) => neutraliseFormula(h));
      for await (const batch of rows)
        for (const row of batch) yield row.map((cell) => neutraliseFormula(cellText(cell)));
    })(),
  );
  source.on("error", (error) => stringifier.destroy(error));
  return Readable.toWeb(source.pipe(stringifier)) as ReadableStream<Uint8Array>;
}

/** A whole CSV document as a string, for tests and small exports. */
export async function csvText(header: string[], rows: CsvCell[][]): Promise<string> {
  return new Response(
    csvStream(
      header,
      (async function* () {
        yield rows;
      })(),
    ),
  ).text();
}
