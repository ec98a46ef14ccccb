import { beforeAll, describe, expect, it } from "vitest";
import { findReportLinks } from "@/lib/bounce";
import { corpusFiles, readCorpus } from "./bounce-fixtures";

const PER_FILE_BUDGET_MS = 50;
const files = corpusFiles();

function fastestRunMs(raw: string): number {
  // Best of three, so that the number measures the parser, not a scheduler hiccup on a
  // busy CI machine.
  let fastest = Number.POSITIVE_INFINITY;
  for (let run = 0; run < 3; run++) {
    const start = performance.now();
    findReportLinks(raw);
    fastest = Math.min(fastest, performance.now() - start);
  }
  return fastest;
}

describe("real bounces without a report link (sisimai set-of-emails)", () => {
  beforeAll(() => {
    // The first call compiles the pattern; that is not per-bounce work.
    findReportLinks("warm-up ?id=1ec5d310c951ebd54d84&auth=m3TVc9x-CWMe3g4PnlM_Oi07DzY7c9kohnw5Q5R_wec");
  });

  it("reads the whole corpus", () => {
    expect(files).toHaveLength(629);
  });

  it.each(files)("%s: no link, no exception, under 50 ms", (name) => {
    const raw = readCorpus(name);
    expect(findReportLinks(raw)).toEqual([]);
    expect(fastestRunMs(raw)).toBeLessThan(PER_FILE_BUDGET_MS);
  });
});
