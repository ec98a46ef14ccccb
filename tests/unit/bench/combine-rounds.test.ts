import { describe, expect, it } from "vitest";
import { combineRounds, type LoadResult } from "../../../scripts/bench/http-load";

const round = (requests: number, seconds: number, p99: number, serverUs: number, extra: Partial<LoadResult> = {}) =>
  ({
    label: "rendered",
    connections: 32,
    seconds,
    requests,
    perSecond: requests / seconds,
    latencyMs: { p50: p99 / 2, p90: p99 - 10, p99, max: p99 * 2 },
    errors: 0,
    unexpected: 0,
    megabytesPerSecond: requests / seconds / 10,
    cpuPerRequestUs: { server: serverUs, postgres: 100, loadGenerator: 50 },
    ...extra,
  }) satisfies LoadResult;

describe("combineRounds (bench:report's alternating rounds)", () => {
  it("takes the totals' rate and CPU per request, not the mean of the rounds' rates", () => {
    const combined = combineRounds([round(1000, 10, 100, 8000), round(3000, 10, 60, 4000)]);
    expect(combined.requests).toBe(4000);
    expect(combined.seconds).toBe(20);
    expect(combined.perSecond).toBe(200);
    // (1000 × 8000 + 3000 × 4000) / 4000
    expect(combined.cpuPerRequestUs).toEqual({ server: 5000, postgres: 100, loadGenerator: 50 });
    expect(combined.megabytesPerSecond).toBe(20);
    expect(combined.label).toBe("rendered, 2 rounds");
  });

  it("gives the rounds' median latency and the largest maximum, and adds up errors", () => {
    const combined = combineRounds([
      round(100, 10, 300, 1, { errors: 1 }),
      round(100, 10, 100, 1, { unexpected: 2 }),
      round(100, 10, 200, 1),
    ]);
    expect(combined.latencyMs).toEqual({ p50: 100, p90: 190, p99: 200, max: 600 });
    expect(combined.errors).toBe(1);
    expect(combined.unexpected).toBe(2);
  });

  it("has no CPU figure when a round could not measure it, and refuses no rounds", () => {
    const combined = combineRounds([round(100, 10, 1, 1), round(100, 10, 1, 1, { cpuPerRequestUs: undefined })]);
    expect(combined.cpuPerRequestUs?.server).toBeNaN();
    expect(() => combineRounds([])).toThrow("no rounds");
  });
});
