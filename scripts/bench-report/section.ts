import { existsSync, readFileSync, writeFileSync } from "node:fs";
import type { LoadResult } from "./load";

const START = "<!-- bench:report -->";
const END = "<!-- /bench:report -->";

/** Replaces this benchmark's section of BENCHMARKS.md (between its markers) and leaves every other section as it was. */
export function writeSection(file: string, section: string): void {
  const block = `${START}\n${section.trim()}\n${END}`;
  const current = existsSync(file) ? readFileSync(file, "utf8") : "# Benchmarks\n\nEach section is written by its own script; run it again to refresh it.\n";
  const start = current.indexOf(START);
  const end = current.indexOf(END);
  const next = start >= 0 && end > start
    ? current.slice(0, start) + block + current.slice(end + END.length)
    : `${current.trimEnd()}\n\n${block}\n`;
  writeFileSync(file, next);
}

export const num = (value: number, digits = 0) =>
  value.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });

export const kB = (bytes: number) => `${num(bytes / 1000, 1)} kB`;

export const LOAD_TABLE_HEADER = [
  "| measurement | connections | duration | requests | per second | p50 ms | p90 ms | p99 ms | max ms | errors | non-2xx | MB/s | CPU µs per request: server · Postgres · autocannon |",
  "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
].join("\n");

function cpuCell(cpu: LoadResult["cpuPerRequestUs"]): string {
  if (!cpu || Number.isNaN(cpu.server)) return "n/a";
  return `${num(cpu.server)} · ${num(cpu.postgres)} · ${num(cpu.loadGenerator)}`;
}

export function loadRow(result: LoadResult): string {
  const { p50, p90, p99, max } = result.latencyMs;
  return `| ${result.label} | ${result.connections} | ${num(result.seconds, 1)} s | ${num(result.requests)} | **${num(result.perSecond)}** | ` +
    `${num(p50, 1)} | ${num(p90, 1)} | ${num(p99, 1)} | ${num(max, 1)} | ${num(result.errors)} | ${num(result.non2xx)} | ${num(result.megabytesPerSecond, 1)} | ${cpuCell(result.cpuPerRequestUs)} |`;
}

export function targetRow(target: string, measured: string, met: boolean): string {
  return `| ${target} | ${measured} | ${met ? "met" : "**not met**"} |`;
}
