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

  // A spreadsheet shows a cell's text as it is: a right-to-left override turned
  // `invoice‮fdp.exe` into what reads as `invoiceexe.pdf`, and a zero-width space hid inside
  // an address. Shown as markers, as the pages and mails show them (showInvisibles).
  it.each([
    ["invoice\u202Efdp.exe", "invoice⟨U+202E⟩fdp.exe"],
    ["pay\u200Bpal@example.net", "pay⟨U+200B⟩pal@example.net"],
    ["a\u2066b\u2069c\u200Fd\u061Ce", "a⟨U+2066⟩b⟨U+2069⟩c⟨U+200F⟩d⟨U+061C⟩e"],
    ["\uFEFFhidden\u00AD", "⟨U+FEFF⟩hidden⟨U+00AD⟩"],
    ["tag\u{E0041}\u{E0042}", "tag⟨U+E0041⟩⟨U+E0042⟩"],
    ["line\u2028sep", "line⟨U+2028⟩sep"],
  ])("shows bidi controls and invisible characters as visible markers: %j", async (cell, shown) => {
    const text = await csvText(["cell"], [[cell]]);
    expect(text).toBe(`cell\r\n${shown}\r\n`);
  });

  it("keeps emoji, and neutralises a formula behind an invisible character, quoted as before", async () => {
    // The zero-width joiner inside an emoji sequence is the emoji's own, as on the pages.
    expect(await csvText(["cell"], [["👩\u200D💻 ok"]])).toBe("cell\r\n👩\u200D💻 ok\r\n");
    // The marker now starts the cell: the spreadsheet sees text, not a formula.
    expect(await csvText(["cell"], [["\u202E=1+1"]])).toBe("cell\r\n⟨U+202E⟩=1+1\r\n");
    // A visible formula character after the marker run is neutralised as before, and quoted where needed.
    expect(await csvText(["a", "b"], [["=1+1\u200B", 'x\u202E,"y"']])).toBe(
      'a,b\r\n\'=1+1⟨U+200B⟩,"x⟨U+202E⟩,""y"""\r\n',
    );
  });

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
  it("gives up a download the client stops taking: the batches' finally runs, the stream errors, onEnd says 'stalled' once", async () => {
    const { csvStream, CsvStalledError } = await import("@/lib/csv/csv-stream");
    let finished = false;
    async function* batches() {
      try {
        for (let b = 0; ; b += 1) yield [[`row ${b}`]];
      } finally {
        finished = true; // where streamRows closes its cursor and gives its connection back
      }
    }
    const ends: string[] = [];
    const reader = csvStream(["row"], batches(), { stallMs: 50, onEnd: (how) => ends.push(how) }).getReader();
    // Read steadily, each read well within the limit: nothing is given up.
    for (let i = 0; i < 4; i += 1) {
      await reader.read();
      await new Promise((resolve) => setTimeout(resolve, 30));
    }
    expect(ends).toEqual([]);
    expect(finished).toBe(false);
    // Then stop reading.
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(finished).toBe(true);
    expect(ends).toEqual(["stalled"]);
    // What was queued before the stall is dropped with the stream: the reader sees the error.
    await expect(reader.read()).rejects.toBeInstanceOf(CsvStalledError);
    expect(ends).toEqual(["stalled"]);
  });

  it("gives up a download nobody ever reads, and tells onEnd once how every download ended", async () => {
    const { csvStream } = await import("@/lib/csv/csv-stream");
    const rows = async function* () {
      yield [["a"]];
    };
    const ends: string[] = [];
    csvStream(["row"], rows(), { stallMs: 30, onEnd: (how) => ends.push(how) });
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(ends).toEqual(["stalled"]);

    const done: string[] = [];
    await new Response(csvStream(["row"], rows(), { stallMs: 30, onEnd: (how) => done.push(how) })).text();
    await new Promise((resolve) => setTimeout(resolve, 60)); // no stall fires after the end
    expect(done).toEqual(["done"]);

    const cancelled: string[] = [];
    const reader = csvStream(["row"], rows(), { stallMs: 30, onEnd: (how) => cancelled.push(how) }).getReader();
    await reader.read();
    await reader.cancel();
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(cancelled).toEqual(["cancelled"]);

    const failed: string[] = [];
    const failing = async function* () {
      yield [["first"]];
      throw new Error("the database went away");
    };
    await expect(
      new Response(csvStream(["row"], failing(), { stallMs: 30, onEnd: (how) => failed.push(how) })).text(),
    ).rejects.toThrow("the database went away");
    expect(failed).toEqual(["failed"]);
  });
});
