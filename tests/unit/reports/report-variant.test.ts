import { describe, expect, it } from "vitest";
import { reportVariant } from "@/lib/reports/report-variant";

describe("reportVariant", () => {
  it.each([
    ["application/json", "json"],
    ["application/json; charset=utf-8", "json"],
    ["text/html;q=0.5, application/json", "json"],
    ["application/*", "json"],
    ["application/json, text/html", "json"],
    ["text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "html"],
    ["*/*", "html"],
    ["text/html, application/json", "html"],
    ["application/json;q=0.4, text/html;q=0.5", "html"],
    // q=0 means "not acceptable": no JSON for it, whatever else the header says.
    ["application/json;q=0", "html"],
    ["application/json;q=0, */*;q=0.1", "html"],
    ["image/png", "html"],
    ["", "html"],
    [";;;,,, q=", "html"],
    ["application/json;q=abc", "html"],
  ] as const)("Accept: %j → %s", (accept, variant) => {
    expect(reportVariant(accept)).toBe(variant);
  });

  it("reads no header as the page, and repeated headers as one list", () => {
    expect(reportVariant(null)).toBe("html");
    expect(reportVariant(undefined)).toBe("html");
    expect(reportVariant(["text/plain", "application/json"])).toBe("json");
  });
});
