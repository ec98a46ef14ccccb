import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { num, writeBenchmarkSection } from "../../../scripts/bench/benchmarks-file";

const tempFile = () => path.join(mkdtempSync(path.join(os.tmpdir(), "bench-file-")), "BENCHMARKS.md");

describe("BENCHMARKS.md sections", () => {
  it("creates the file with a preamble and the section", () => {
    const file = tempFile();
    writeBenchmarkSection(file, "api", "## API\n1 req/s");
    expect(readFileSync(file, "utf8")).toBe(
      "# Benchmarks\n\nEach section is written by its own script; run it again to refresh it.\n\n<!-- bench:api -->\n## API\n1 req/s\n<!-- /bench:api -->\n",
    );
  });

  it("replaces only its own section and keeps the others byte for byte", () => {
    const file = tempFile();
    writeFileSync(
      file,
      "# Benchmarks\n\n<!-- bench:api -->\nold api\n<!-- /bench:api -->\n\n<!-- bench:report -->\nreport numbers\n<!-- /bench:report -->\n",
    );
    writeBenchmarkSection(file, "api", "new api");
    expect(readFileSync(file, "utf8")).toBe(
      "# Benchmarks\n\n<!-- bench:api -->\nnew api\n<!-- /bench:api -->\n\n<!-- bench:report -->\nreport numbers\n<!-- /bench:report -->\n",
    );
  });

  it("appends a section the file does not have yet", () => {
    const file = tempFile();
    writeFileSync(file, "# Benchmarks\n\n<!-- bench:api -->\napi\n<!-- /bench:api -->\n");
    writeBenchmarkSection(file, "report", "report");
    expect(readFileSync(file, "utf8")).toBe(
      "# Benchmarks\n\n<!-- bench:api -->\napi\n<!-- /bench:api -->\n\n<!-- bench:report -->\nreport\n<!-- /bench:report -->\n",
    );
  });

  it("formats numbers with separators and fixed decimals", () => {
    expect(num(2592.4)).toBe("2,592");
    expect(num(29, 1)).toBe("29.0");
  });
});
