import { describe, expect, it } from "vitest";
import { csvText, neutraliseFormula } from "@/lib/csv/csv-stream";

describe("CSV for spreadsheets", () => {
  it("quotes as RFC 4180 says: commas, quotes, line breaks; CRLF between records", async () => {
    const text = await csvText(
      ["who", "why"],
      [
        ["a,b", 'she said "no"'],
        ["line\nbreak", "plain"],
      ],
    );
    expect(text).toBe('who,why\r\n"a,b","she said ""no"""\r\n"line\nbreak",plain\r\n');
  });

  it.each(["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", '=HYPERLINK("http://evil.example","click")'])(
    "neutralises a cell a spreadsheet would run: %j",
    async (cell) => {
      expect(neutraliseFormula(cell)).toBe(`'${cell}`);
      const text = await csvText(["cell"], [[cell]]);
      expect(text.split("\r\n")[1]!.replace(/^"|"$/g, "").replace(/""/g, '"')).toBe(`'${cell}`);
    },
  );

  // A spreadsheet set to a locale whose list separator is `;` (German, French, Dutch …
  // Excel) splits an unquoted line at every `;`, so `a;=1+1;@evil.example` (an envelope
  // sender the relay reported) put `=1+1` at the start of a cell of its own, where it ran.
  // Quoted, the whole text stays one cell, starting with `a`. The same for a tab.
  it.each(["a;=1+1;@evil.example", "x;-2+3", "x\t=1+1", "=HYPERLINK(1);x"])(
    "quotes a cell with a `;` or a tab, which some spreadsheets split at: %j",
    async (cell) => {
      const text = await csvText(["cell", "next"], [[cell, "plain"]]);
      const line = text.split("\r\n")[1]!;
      expect(line).toBe(`"${neutraliseFormula(cell)}",plain`);
      // Split at `;` and tabs outside quotes, as those spreadsheets do: no cell starts a formula.
      const cells = line.match(/"[^"]*"|[^;\t,]+/g) ?? [];
      for (const c of cells) expect(c, line).not.toMatch(/^[=+\-@]/);
    },
  );

  it("leaves ordinary text, numbers and dates alone", async () => {
    expect(neutraliseFormula("reviewer@example.net")).toBe("reviewer@example.net");
    expect(neutraliseFormula("a=b")).toBe("a=b");
    const text = await csvText(["n", "at", "empty"], [[3, new Date("2026-12-07T01:02:03Z"), null]]);
    expect(text).toBe("n,at,empty\r\n3,2026-12-07T01:02:03.000Z,\r\n");
  });

  it("streams many batches without holding them together", async () => {
    async function* batches() {
      for (let b = 0; b < 20; b += 1) yield Array.from({ length: 500 }, (_, i) => [`row ${b * 500 + i}`]);
    }
    const { csvStream } = await import("@/lib/csv/csv-stream");
    const text = await new Response(csvStream(["row"], batches())).text();
    const lines = text.trimEnd().split("\r\n");
    expect(lines).toHaveLength(10_001);
    expect(lines.at(-1)).toBe("row 9999");
  });

  it("reads a batch only when the one before has been taken (backpressure), and stops when the reader goes", async () => {
    const { csvStream } = await import("@/lib/csv/csv-stream");
    let produced = 0;
    let finished = false;
    async function* batches() {
      try {
        for (let b = 0; b < 1000; b += 1) {
          produced += 1;
          yield Array.from({ length: 100 }, (_, i) => [`row ${b * 100 + i}`]);
        }
      } finally {
        finished = true;
      }
    }
    const reader = csvStream(["row"], batches()).getReader();
    const settle = () => new Promise((resolve) => setTimeout(resolve, 20));
    await settle();
    expect(produced).toBeLessThanOrEqual(1); // the header is there; at most one batch read ahead
    let taken = 0;
    for (let i = 0; i < 5; i += 1) {
      const { value } = await reader.read();
      taken += new TextDecoder().decode(value).split("\r\n").length - 1;
      await settle();
    }
    expect(taken).toBe(1 + 4 * 100); // the header, then four whole batches
    expect(produced).toBeLessThanOrEqual(6);
    await reader.cancel();
    expect(finished).toBe(true);
    expect(produced).toBeLessThanOrEqual(6);
  });

  it("breaks the download when a batch fails, rather than ending it short", async () => {
    const { csvStream } = await import("@/lib/csv/csv-stream");
    async function* batches() {
      yield [["first"]];
      throw new Error("the database went away");
    }
    await expect(new Response(csvStream(["row"], batches())).text()).rejects.toThrow("the database went away");
  });
});
