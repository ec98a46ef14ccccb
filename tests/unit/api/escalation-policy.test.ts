import { describe, expect, it } from "vitest";
import { applyAttempts, extensionForLevel, levelForAttempts } from "@/lib/data/blocks/escalation-policy";

const HOUR = 3_600_000;
const now = new Date("2026-11-28T12:00:00Z");

describe("escalation policy", () => {
  it("raises one level per 25 attempts, up to 10", () => {
    expect([0, 24, 25, 49, 50, 224, 225, 10_000].map(levelForAttempts)).toEqual([1, 1, 2, 2, 3, 9, 10, 10]);
  });

  it("doubles the extension with each level", () => {
    expect([2, 3, 4, 10].map((level) => extensionForLevel(level) / HOUR)).toEqual([1, 2, 4, 256]);
  });

  it("does nothing but count below the next threshold", () => {
    const expiresAt = new Date(now.getTime() + HOUR);
    expect(applyAttempts({ escalationLevel: 1, attemptCount: 10, expiresAt }, 14, now)).toEqual({
      escalationLevel: 1,
      attemptCount: 24,
      expiresAt,
      levelsGained: 0,
    });
  });

  it("extends from the later of the expiry and now, once per level gained", () => {
    const future = new Date(now.getTime() + 5 * HOUR);
    expect(applyAttempts({ escalationLevel: 1, attemptCount: 0, expiresAt: future }, 75, now)).toMatchObject({
      escalationLevel: 4,
      levelsGained: 3,
      expiresAt: new Date(future.getTime() + (1 + 2 + 4) * HOUR),
    });
    const past = new Date(now.getTime() - 5 * HOUR);
    expect(applyAttempts({ escalationLevel: 1, attemptCount: 24, expiresAt: past }, 1, now).expiresAt).toEqual(
      new Date(now.getTime() + HOUR),
    );
  });

  it("stops counting at the integer column's safe maximum instead of overflowing", () => {
    expect(
      applyAttempts({ escalationLevel: 10, attemptCount: 1_999_999_999, expiresAt: null }, 1_000_000, now).attemptCount,
    ).toBe(2_000_000_000);
  });

  it("never lowers a level set higher by hand, and keeps 'until reviewed' without expiry", () => {
    expect(applyAttempts({ escalationLevel: 5, attemptCount: 0, expiresAt: null }, 30, now)).toEqual({
      escalationLevel: 5,
      attemptCount: 30,
      expiresAt: null,
      levelsGained: 0,
    });
    expect(applyAttempts({ escalationLevel: 1, attemptCount: 0, expiresAt: null }, 60, now)).toMatchObject({
      escalationLevel: 3,
      expiresAt: null,
    });
  });
});
