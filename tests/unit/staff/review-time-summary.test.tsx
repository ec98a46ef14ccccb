import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ReviewTimeSummary } from "@/components/staff/review-time-summary";

const HOUR = 3600;
const text = (count: number, medianSeconds: number | null, p90Seconds: number | null) =>
  renderToStaticMarkup(<ReviewTimeSummary stats={{ count, medianSeconds, p90Seconds }} />).replace(/<[^>]+>/g, "");

describe("the metrics' time to first decision", () => {
  it("says how few requests a small sample is, instead of 'half within' and 'nine in ten within' one request", () => {
    const one = text(1, 24 * HOUR, 24 * HOUR);
    expect(one).toContain("Only one request was first answered");
    expect(one).not.toMatch(/half within|nine in ten/);
    const few = text(3, 2 * HOUR, 20 * HOUR);
    expect(few).toContain("over only 3 requests");
    expect(few).toContain("one slow request moves these figures");
    expect(few).not.toMatch(/half within|nine in ten/);
    expect(text(40, 2 * HOUR, 20 * HOUR)).toMatch(
      /over 40 requests first answered in the period: half within .+, nine in ten within/,
    );
    expect(text(0, null, null)).toBe("No request was first answered in the period.");
  });
});
