import { describe, expect, it } from "vitest";
import { formatChartTime } from "@/components/report/evidence/chart-time";

describe("formatChartTime", () => {
  it("writes axis ends short enough to sit side by side at 320 px (the axis says UTC)", () => {
    const sameDay = ["2026-12-07T04:08:00.000Z", "2026-12-07T06:08:00.000Z"] as const;
    expect(formatChartTime(sameDay[0], ...sameDay)).toBe("04:08");
    const days = ["2026-12-05T05:08:00.000Z", "2026-12-07T05:08:00.000Z"] as const;
    expect(formatChartTime(days[0], ...days)).toBe("5 Dec 05:08");
    expect(formatChartTime(days[1], ...days)).toBe("7 Dec 05:08");
    const years = ["2026-12-31T22:00:00.000Z", "2027-01-01T02:00:00.000Z"] as const;
    expect(formatChartTime(years[1], ...years)).toBe("1 Jan 2027 02:00");
    expect(formatChartTime("not a time")).toBe("not a time");
  });
});
