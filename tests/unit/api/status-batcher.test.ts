import { describe, expect, it } from "vitest";
import { createBatcher } from "@/lib/data/blocks/status-batcher";

describe("createBatcher", () => {
  it("answers calls made in the same turn with one run, each with its own answer", async () => {
    const runs: number[][] = [];
    const double = createBatcher(async (queries: number[]) => {
      runs.push(queries);
      return queries.map((q) => q * 2);
    });
    await expect(Promise.all([double(1), double(2), double(3)])).resolves.toEqual([2, 4, 6]);
    expect(runs).toEqual([[1, 2, 3]]);
    await expect(double(5)).resolves.toBe(10);
    expect(runs).toEqual([[1, 2, 3], [5]]);
  });

  it("splits large turns into batches of at most 256", async () => {
    const sizes: number[] = [];
    const same = createBatcher(async (queries: number[]) => {
      sizes.push(queries.length);
      return queries;
    });
    await Promise.all(Array.from({ length: 600 }, (_, i) => same(i)));
    expect(sizes).toEqual([256, 256, 88]);
  });

  it("fails every call of a failed run, and only those", async () => {
    let fail = true;
    const flaky = createBatcher(async (queries: number[]) => {
      if (fail) throw new Error("database gone");
      return queries;
    });
    const failed = await Promise.allSettled([flaky(1), flaky(2)]);
    expect(failed.map((r) => r.status)).toEqual(["rejected", "rejected"]);
    fail = false;
    await expect(flaky(3)).resolves.toBe(3);
  });
});
