import { describe, expect, it } from "vitest";
import { landingPath, sameOriginPath } from "@/lib/auth/landing";
import { env } from "@/lib/env";

const ORIGIN = "https://reports.example.net";

describe("sameOriginPath", () => {
  it.each([
    ["/staff/../..//evil.example", "dot segments up to a protocol-relative path"],
    ["/staff/..\\..\\\\evil.example", "backslashes read as slashes"],
    ["/\\evil.example", "slash-backslash"],
    ["\\\\evil.example", "two backslashes"],
    ["//evil.example", "protocol-relative"],
    ["/\t/evil.example", "a tab between the slashes"],
    ["/\n/evil.example", "a newline between the slashes"],
    [" //evil.example", "leading space"],
    ["https://evil.example/staff", "another origin"],
    ["http://reports.example.net/staff", "the same host over another scheme"],
    ["https://reports.example.net@evil.example/staff", "user info before another host"],
    ["javascript:alert(document.domain)", "javascript:"],
    ["JaVaScRiPt:alert(1)", "javascript: in mixed case"],
    ["data:text/html,<script>alert(1)</script>", "data:"],
    ["/%2F%2Fevil.example", "encoded slashes"],
    ["/staff/..%2F..%2F%2Fevil.example", "encoded slashes after dot segments"],
    ["/staff/%5C%5Cevil.example", "encoded backslashes"],
    ["", "empty"],
  ])("refuses %j (%s)", (requested) => {
    expect(sameOriginPath(requested, ORIGIN)).toBeNull();
  });

  it.each([
    ["/staff", "/staff"],
    ["/staff/reports/abc?tab=cases#decide", "/staff/reports/abc?tab=cases#decide"],
    ["/staff/./reports/../reports/abc", "/staff/reports/abc"],
    ["staff/reports/abc", "/staff/reports/abc"],
    ["https://reports.example.net/staff/x", "/staff/x"],
    ["/st\taff", "/staff"],
    ["/staff/<script>", "/staff/%3Cscript%3E"],
  ])("normalises %j to %j", (requested, expected) => {
    expect(sameOriginPath(requested, ORIGIN)).toBe(expected);
  });

  it("refuses what is not a string", () => {
    for (const value of [undefined, null, 1, ["/staff"], { toString: () => "/staff" }])
      expect(sameOriginPath(value, ORIGIN)).toBeNull();
  });
});

describe("landingPath", () => {
  it("keeps a staff member's requested page inside the console", () => {
    expect(landingPath("STAFF", "/staff/reports/abc")).toBe("/staff/reports/abc");
    expect(landingPath("ADMIN", "/staff?x=1")).toBe("/staff?x=1");
    expect(landingPath("STAFF", `${new URL(env.PUBLIC_BASE_URL).origin}/staff/reports/abc`)).toBe("/staff/reports/abc");
  });

  it.each([
    "/",
    "/account",
    "/staffing",
    "/staff/../account",
    "/staff/../..//evil.example",
    undefined,
    "https://evil.example/staff",
  ])("sends a staff member asking for %j to the console's start", (requested) => {
    expect(landingPath("STAFF", requested)).toBe("/staff");
  });

  it("sends an account owner to their portal: the page asked for inside it, anything else to its start", () => {
    expect(landingPath("OWNER", "/staff")).toBe("/account");
    expect(landingPath("OWNER", "/staff/reports/1ec5d310c951ebd54d84")).toBe("/account");
    expect(landingPath("OWNER", "/account/blocks?status=ACTIVE")).toBe("/account/blocks?status=ACTIVE");
    expect(landingPath("OWNER", "/accounting")).toBe("/account");
    expect(landingPath("OWNER", "/account/../staff")).toBe("/account");
    expect(landingPath("OWNER", "//evil.example/account")).toBe("/account");
  });
});
