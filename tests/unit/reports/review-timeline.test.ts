import { describe, expect, it } from "vitest";
import {
  describeReviewTimeline,
  formatHours,
  type ReviewTimes,
  type TimelineReport,
} from "@/lib/reports/review-timeline";

const HOUR = 3_600_000;
const now = new Date("2026-11-27T12:00:00.000Z");
const at = (hoursFromNow: number) => new Date(now.getTime() + hoursFromNow * HOUR).toISOString();
const measured: ReviewTimes = { medianHours: 6, p90Hours: 20, decisions: 42, windowDays: 30, measured: true };
const fallback: ReviewTimes = { medianHours: 24, p90Hours: 72, decisions: 3, windowDays: 30, measured: false };
const report = (over: Partial<TimelineReport> = {}): TimelineReport => ({
  expiresAt: null,
  endedAt: null,
  latestAppeal: null,
  ...over,
});

describe("describeReviewTimeline", () => {
  it("states the usual time and where it comes from: measured decisions, or the target while too few", () => {
    const m = describeReviewTimeline(report(), measured, now);
    expect(m.usual).toBe("A review usually gets its first decision within about 6\u00a0h; 9 in 10 within 20\u00a0h.");
    expect(m.basis).toMatch(/^Measured from the 42 requests first decided in the last 30 days/);
    const f = describeReviewTimeline(report(), fallback, now);
    expect(f.usual).toContain("about 24\u00a0h; 9 in 10 within 3\u00a0days");
    expect(f.basis).toBe(
      "These are our target times, not measured ones: fewer than 10 requests were decided in the last 30 days, too few to measure.",
    );
    expect(m.standing).toBeNull();
  });

  it("says where an open request stands against the usual time", () => {
    const waiting = (hours: number) =>
      describeReviewTimeline(report({ latestAppeal: { status: "OPEN", submittedAt: at(-hours) } }), measured, now)
        .standing;
    expect(waiting(2)).toBe("Your request has waited 2\u00a0h; most requests get a first decision within 6\u00a0h.");
    expect(waiting(10)).toMatch(
      /a little longer than most \(6\u00a0h\); 9 in 10 get a first decision within 20\u00a0h\.$/,
    );
    expect(waiting(30)).toMatch(/longer than 9 in 10 requests \(20\u00a0h\)\. It keeps its place in the queue/);
    expect(
      describeReviewTimeline(report({ latestAppeal: { status: "NEEDS_INFO", submittedAt: at(-3) } }), measured, now)
        .standing,
    ).toMatch(/waiting for your answer/);
    expect(
      describeReviewTimeline(report({ latestAppeal: { status: "DENIED", submittedAt: at(-3) } }), measured, now)
        .standing,
    ).toBeNull();
  });

  it("does not say a request submitted just now has waited 1 min: one relative-time wording", () => {
    const standing = (seconds: number) =>
      describeReviewTimeline(
        report({
          latestAppeal: { status: "OPEN", submittedAt: new Date(now.getTime() - seconds * 1000).toISOString() },
        }),
        measured,
        now,
      ).standing;
    // formatRelative says "just now" under a minute; the standing then gives only the usual time.
    expect(standing(20)).toBe("Most requests get a first decision within 6\u00a0h.");
    expect(standing(0)).toBe("Most requests get a first decision within 6\u00a0h.");
    expect(standing(60)).toBe(
      "Your request has waited 1\u00a0min; most requests get a first decision within 6\u00a0h.",
    );
  });

  it("never lets expiry and review contradict: a block that ends before a review would usually be decided says so, and when a review is still worth it", () => {
    const soon = describeReviewTimeline(report({ expiresAt: at(3) }), measured, now);
    expect(soon.endsFirst?.text).toBe(
      "This block ends by itself at 27 Nov 2026 15:00 UTC, before a review would usually be decided (about 6\u00a0h). You do not need a review to send again after that, as long as the sending that caused it has stopped.",
    );
    expect(soon.endsFirst?.stillWorthIt).toMatch(/need to send before then, or want the record cleared/);
    expect(describeReviewTimeline(report({ expiresAt: at(8) }), measured, now).endsFirst).toBeNull();
    // An open request is measured from its submission.
    const pending = describeReviewTimeline(
      report({ expiresAt: at(2), latestAppeal: { status: "OPEN", submittedAt: at(-1) } }),
      measured,
      now,
    );
    expect(pending.endsFirst?.text).toMatch(/probably before your review is decided/);
    // Ended or lapsed blocks have nothing to race.
    expect(describeReviewTimeline(report({ expiresAt: at(-1) }), measured, now).endsFirst).toBeNull();
    expect(describeReviewTimeline(report({ expiresAt: at(2), endedAt: at(-1) }), measured, now).endsFirst).toBeNull();
  });

  it("formats durations with their unit kept together", () => {
    expect(formatHours(0.25)).toBe("15\u00a0min");
    expect(formatHours(5.6)).toBe("6\u00a0h");
    expect(formatHours(71)).toBe("3\u00a0days");
  });
});
