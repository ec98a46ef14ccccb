import { stringify, type Options } from "csv-stringify/sync";
import { showInvisibles } from "@/lib/evidence/defang";

/*
 * CSV downloads that are safe to open in a spreadsheet. Quoting follows RFC 4180 (fields
 * with a comma, quote, CR or LF are quoted, quotes doubled, CRLF between records) and is
 * csv-stringify's; a field with leading or trailing white space is quoted too, so no
 * spreadsheet trims it. On top of that, a cell a spreadsheet would run as a formula — one
 * that starts with =, +, -, @, a tab or a carriage return (OWASP's list) — gets a leading
 * apostrophe, so it is shown as the text it is, and a field with a `;` or a tab is quoted
 * (below), so no spreadsheet starts a cell in its middle. Bidirectional controls and other
 * invisible characters are shown as markers (`⟨U+202E⟩`), as on every page and in every mail
 * (showInvisibles), so a cell cannot reorder or hide the text a spreadsheet shows. Text
 * written by senders, spammers or a sign-in form passes through here: never trust it to be data.
 */

const FORMULA_START = /^[=+\-@\t\r]/;

/** `=HYPERLINK(…)` → `'=HYPERLINK(…)`; anything else unchanged. */
export function neutraliseFormula(cell: string): string {
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

export type CsvCell = string | number | Date | null | undefined;

const cellText = (cell: CsvCell): string =>
  cell == null ? "" : cell instanceof Date ? cell.toISOString() : String(cell);

// csv-stringify quotes a field holding the record delimiter (CRLF) but not a lone CR or LF, which RFC 4180 also requires.
// A field with a `;` or a tab is quoted too: a spreadsheet in a locale whose list separator is
// `;` (German, French, Dutch … Excel) splits an unquoted line there, so `a;=1+1` would put
// `=1+1` at the start of a cell of its own, past the check above; quoted, it stays one cell.
const OPTIONS: Options = { record_delimiter: "windows", quoted_match: [/[\r\n;\t]/, /^\s|\s$/] };

/** What a spreadsheet is given for a cell: invisible characters made visible, then a formula neutralised. */
const safeCell = (cell: CsvCell): string => neutraliseFormula(showInvisibles(cellText(cell)));

/** Records as CSV text, each ending in CRLF, every cell made safe (safeCell). */
export function csvRecords(rows: readonly (readonly CsvCell[])[]): string {
  return stringify(
    rows.map((row) => row.map(safeCell)),
    OPTIONS,
  );
}

/** What csvStream errors a download with when the client stopped taking it (CsvStreamOptions.stallMs). */
export class CsvStalledError extends Error {
  constructor(stallMs: number) {
    super(`the client took nothing of the download for ${stallMs / 1000} s`);
    this.name = "CsvStalledError";
  }
}

export interface CsvStreamOptions {
  /**
   * How long a chunk may wait to be taken (by the socket, through the server's backpressure)
   * before the download is given up: the batches' iteration is ended (its `finally` runs,
   * giving back what it holds, such as a database connection) and the stream errors, which
   * ends the response. A client that stops reading, or never reads, holds nothing longer.
   */
  stallMs?: number;
  /** Called once when the download ends in any way: read to the end, failed, abandoned or stalled. */
  onEnd?: (how: "done" | "failed" | "cancelled" | "stalled") => void;
}

/**
 * A streamed CSV document for a Response body: the header, then one chunk per batch that
 * `batches` yields. The stream is pulled: the next batch is asked for only when the one
 * before has been taken (by the socket, through the server's backpressure), so an export
 * of a million rows holds a batch or two, never the document. A batch that fails errors
 * the stream (the download breaks rather than ending short); a download the client
 * abandons ends the iteration (its `finally` runs), and so does one it stops taking for
 * `stallMs`.
 */
export function csvStream(
  header: readonly string[],
  batches: AsyncIterable<CsvCell[][]>,
  { stallMs, onEnd }: CsvStreamOptions = {},
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let iterator: AsyncIterator<CsvCell[][]> | null = null;
  let stall: NodeJS.Timeout | undefined;
  let ended = false;
  const end = (how: Parameters<NonNullable<CsvStreamOptions["onEnd"]>>[0]) => {
    clearTimeout(stall);
    if (ended) return;
    ended = true;
    onEnd?.(how);
  };
  /** Starts (or restarts) the stall clock for the chunk just queued. */
  const waitForClient = (controller: ReadableStreamDefaultController<Uint8Array>) => {
    if (stallMs === undefined) return;
    clearTimeout(stall);
    stall = setTimeout(() => {
      end("stalled");
      controller.error(new CsvStalledError(stallMs));
      void Promise.resolve(iterator?.return?.()).catch(() => {});
    }, stallMs);
    stall.unref();
  };
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(csvRecords([header])));
      waitForClient(controller);
    },
    async pull(controller) {
      clearTimeout(stall);
      iterator ??= batches[Symbol.asyncIterator]();
      try {
        for (;;) {
          const next = await iterator.next();
          if (ended) return; // stalled meanwhile: the stream has already errored
          if (next.done) {
            end("done");
            return controller.close();
          }
          if (next.value.length === 0) continue;
          controller.enqueue(encoder.encode(csvRecords(next.value)));
          return waitForClient(controller);
        }
      } catch (error) {
        end("failed");
        throw error;
      }
    },
    async cancel() {
      end("cancelled");
      await iterator?.return?.();
    },
  });
}

/** A whole CSV document as a string, for tests and small exports. */
export async function csvText(header: readonly string[], rows: CsvCell[][]): Promise<string> {
  return new Response(
    csvStream(
      header,
      (async function* () {
        yield rows;
      })(),
    ),
  ).text();
}
