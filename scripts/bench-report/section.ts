import { num } from "../bench/benchmarks-file";
import type { LoadResult } from "../bench/http-load";

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
  return (
    `| ${result.label} | ${result.connections} | ${num(result.seconds, 1)} s | ${num(result.requests)} | **${num(result.perSecond)}** | ` +
    `${num(p50, 1)} | ${num(p90, 1)} | ${num(p99, 1)} | ${num(max, 1)} | ${num(result.errors)} | ${num(result.unexpected)} | ${num(result.megabytesPerSecond, 1)} | ${cpuCell(result.cpuPerRequestUs)} |`
  );
}
