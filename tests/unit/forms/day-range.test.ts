import { describe, expect, it } from "vitest";
import { DAYS_REVERSED, reversedDayErrors } from "@/lib/forms/day-range";

describe("reversedDayErrors", () => {
  it("flags a To day before the From day, and nothing else", () => {
    expect(reversedDayErrors("2026-12-10", "2026-12-01")).toEqual([DAYS_REVERSED]);
    expect(reversedDayErrors("2026-12-01", "2026-12-01")).toBeUndefined();
    expect(reversedDayErrors("2026-11-30", "2026-12-01")).toBeUndefined();
    expect(reversedDayErrors(undefined, "2026-12-01")).toBeUndefined();
    expect(reversedDayErrors("2026-12-01", undefined)).toBeUndefined();
  });
});
