import { describe, expect, it } from "vitest";
import { PageCache } from "@/lib/report-cache/page-cache";

const entry = (version: string, bytes: number, freshUntil = 1_000) => ({ version, bytes, freshUntil });

describe("page cache", () => {
  it("returns an entry only for its own version and while it is fresh, and drops it otherwise", () => {
    const cache = new PageCache(100);
    cache.set("a", entry("v1", 10));
    expect(cache.get("a", "v1", 999)).toMatchObject({ version: "v1" });
    expect(cache.get("a", "v2", 0)).toBeUndefined();
    expect(cache.get("a", "v1", 0)).toBeUndefined(); // the stale version was dropped
    cache.set("b", entry("v1", 10));
    expect(cache.get("b", "v1", 1_000)).toBeUndefined();
    expect(cache.size).toBe(0);
    expect(cache.bytes).toBe(0);
  });

  it("stays within its byte budget by dropping the least recently used entries", () => {
    const cache = new PageCache(30);
    cache.set("a", entry("v", 10));
    cache.set("b", entry("v", 10));
    cache.set("c", entry("v", 10));
    expect(cache.get("a", "v", 0)).toBeDefined(); // now b is the least recently used
    cache.set("d", entry("v", 10));
    expect(cache.get("b", "v", 0)).toBeUndefined();
    expect(["a", "c", "d"].map((key) => cache.get(key, "v", 0) !== undefined)).toEqual([true, true, true]);
    expect(cache.bytes).toBe(30);
  });

  it("replaces an entry under the same key and never keeps one larger than the budget", () => {
    const cache = new PageCache(30);
    cache.set("a", entry("v1", 10));
    cache.set("a", entry("v2", 20));
    expect(cache.bytes).toBe(20);
    expect(cache.get("a", "v2", 0)).toBeDefined();
    cache.set("huge", entry("v", 31));
    expect(cache.get("huge", "v", 0)).toBeUndefined();
    expect(cache.bytes).toBe(20);
  });
});
