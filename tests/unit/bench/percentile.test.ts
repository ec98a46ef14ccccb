import { describe, expect, it } from "vitest";
import { percentile } from "../../../scripts/bench/percentile";

describe("percentile (nearest rank), shared by the benches", () => {
  const hundred = Array.from({ length: 100 }, (_, i) => i + 1);

  it("is the value at the rank ⌈p·n⌉", () => {
    expect([50, 90, 95, 99, 100].map((p) => percentile(hundred, p))).toEqual([50, 90, 95, 99, 100]);
    expect(percentile([3, 7, 9], 50)).toBe(7);
    expect(percentile([3, 7, 9], 95)).toBe(9);
  });

  it("gives the smallest value for p 0, the only value of one, and 0 for none", () => {
    expect(percentile(hundred, 0)).toBe(1);
    expect(percentile([42], 99)).toBe(42);
    expect(percentile([], 95)).toBe(0);
  });
});
