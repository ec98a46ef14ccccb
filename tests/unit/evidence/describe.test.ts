import { describe, expect, it } from "vitest";
import {
  describeEvidenceKind,
  evidenceKinds,
  formatCount,
  formatPercent,
  formatPerMinute,
  formatUtcDateTime,
  formatWindow,
} from "@/lib/evidence";

describe("describeEvidenceKind", () => {
  it.each(evidenceKinds)("gives %s a title and a full how-to-read sentence", (kind) => {
    const { title, howToRead } = describeEvidenceKind(kind);
    expect(title).toMatch(/^[A-Z]/);
    expect(title).not.toContain("_");
    expect(howToRead).toMatch(/^[A-Z].*\.$/);
  });

  it("has distinct titles", () => {
    expect(new Set(evidenceKinds.map((k) => describeEvidenceKind(k).title)).size).toBe(evidenceKinds.length);
  });
});

describe("formatWindow", () => {
  it("writes a same-day window once, with the message count", () => {
    expect(formatWindow({ from: "2026-11-27T14:00:00Z", to: "2026-11-27T16:00:00Z", messages: 2000 })).toBe(
      "27 Nov 2026 14:00–16:00 UTC, 2,000 messages",
    );
  });

  it("shows both dates when the window spans days, in UTC", () => {
    expect(formatWindow({ from: "2026-11-27T23:30:00+01:00", to: "2026-11-28T02:00:00Z" })).toBe(
      "27 Nov 2026 22:30 – 28 Nov 2026 02:00 UTC",
    );
  });

  it("handles a single instant and a single message", () => {
    expect(formatWindow({ from: "2026-01-05T09:07:00Z", to: "2026-01-05T09:07:00Z", messages: 1 })).toBe(
      "5 Jan 2026 09:07 UTC, 1 message",
    );
  });

  it("does not throw on values that were never validated", () => {
    expect(formatWindow({ from: "garbage", to: "2026-01-05T09:07:00Z" })).toBe("garbage – 2026-01-05T09:07:00Z");
  });
});

describe("number formatting", () => {
  it("writes en-GB numbers with units", () => {
    expect(formatCount(1204)).toBe("1,204");
    expect(formatPercent(0.62)).toBe("0.62 %");
    expect(formatPercent(0.3)).toBe("0.30 %");
    expect(formatPercent(24)).toBe("24 %");
    expect(formatPercent(12.345)).toBe("12.35 %");
    expect(formatPercent(0)).toBe("0 %");
    expect(formatPercent(0.004)).toBe("< 0.01 %");
    expect(formatPerMinute(1840)).toBe("1,840 messages per minute");
    expect(formatUtcDateTime("2026-11-27T14:02:00Z")).toBe("27 Nov 2026 14:02 UTC");
  });
});
