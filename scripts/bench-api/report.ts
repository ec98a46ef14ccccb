import { num } from "../bench/benchmarks-file";
import type { LoadResult } from "../bench/http-load";

/** This benchmark's tables count a request as failed for a socket error or a wrong status alike. */
export const failuresOf = (result: LoadResult) => result.errors + result.unexpected;

export function resultRow(result: LoadResult): string {
  const { p50, p90, p99, max } = result.latencyMs;
  return `| ${result.label} | ${result.connections} | ${num(result.seconds, 1)} s | ${num(result.requests)} | **${num(result.perSecond)}** | ${num(p50, 1)} | ${num(p90, 1)} | ${num(p99, 1)} | ${num(max, 1)} | ${num(failuresOf(result))} |`;
}

export const TABLE_HEADER = [
  "| measurement | connections | duration | requests | per second | p50 ms | p90 ms | p99 ms | max ms | failures |",
  "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
].join("\n");
