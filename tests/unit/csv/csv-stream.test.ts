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
});
