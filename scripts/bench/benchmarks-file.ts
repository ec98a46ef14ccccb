import { existsSync, readFileSync, writeFileSync } from "node:fs";

const PREAMBLE = "# Benchmarks\n\nEach section is written by its own script; run it again to refresh it.\n";

/**
 * Replaces one benchmark's section of BENCHMARKS.md (between `<!-- bench:name -->` markers)
 * and leaves every other section as it was, so each script refreshes only its own numbers.
 */
export function writeBenchmarkSection(file: string, name: string, section: string): void {
  const start = `<!-- bench:${name} -->`;
  const end = `<!-- /bench:${name} -->`;
  const block = `${start}\n${section.trim()}\n${end}`;
  const current = existsSync(file) ? readFileSync(file, "utf8") : PREAMBLE;
  const from = current.indexOf(start);
  const to = current.indexOf(end);
  const next =
    from >= 0 && to > from
      ? current.slice(0, from) + block + current.slice(to + end.length)
      : `${current.trimEnd()}\n\n${block}\n`;
  writeFileSync(file, next);
}

/** Numbers in benchmark tables: thousands separators, fixed decimals. */
export const num = (value: number, digits = 0) =>
  value.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });

export function targetRow(target: string, measured: string, met: boolean): string {
  return `| ${target} | ${measured} | ${met ? "met" : "**not met**"} |`;
}
