import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ColumnChart, gridValue } from "@/components/charts/column-chart";

const chart = (values: number[]) =>
  renderToStaticMarkup(
    <ColumnChart
      label="Review requests per day"
      columns={values.map((value, i) => ({ at: `2026-12-0${i + 1}`, value }))}
      formatValue={String}
      formatTime={(at) => at}
    />,
  );

describe("ColumnChart", () => {
  it("draws its gridline at a round value about half the peak, and says which", () => {
    expect([2, 3, 7, 10, 11, 24, 99, 250].map(gridValue)).toEqual([1, 1, 2, 5, 5, 10, 20, 100]);
    expect([0, 1, 1.5].map(gridValue)).toEqual([null, null, null]);
    const html = chart([3, 10, 4]);
    expect(html).toMatch(/<line[^>]*stroke-dasharray="2 4"/);
    // Its label is its value, at its height (5 of a plot that runs to 11.5: 56.52 % down).
    expect(html).toMatch(/<text x="0" y="56.52%"[^>]*>5<\/text>/);
    // No gridline (and so no unlabelled one) when the peak is too low to halve.
    expect(chart([0, 1, 1])).not.toContain("stroke-dasharray");
  });

  it("labels the peak, and how many columns share it", () => {
    expect(chart([3, 10, 4])).toContain(">peak 10<");
    // In brackets: "peak 1 on 2 days" read as a peak of 1 on day 2, or a count of 2 days.
    expect(chart([1, 0, 1])).toContain(">peak 1 (on 2 days)<");
    expect(chart([0, 0, 0])).not.toContain("peak");
  });
});
