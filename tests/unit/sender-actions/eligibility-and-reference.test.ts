import { describe, expect, it } from "vitest";
import { checkAppealEligibility, generateReference, REFERENCE_PATTERN } from "@/lib/appeals";
import { canonicalJson, digestOf } from "@/lib/data/cases/canonical-json";

const now = new Date("2026-11-28T12:00:00Z");
const active = { status: "ACTIVE" as const, expiresAt: null };

describe("checkAppealEligibility", () => {
  it("allows a first request on an active block", () => {
    expect(checkAppealEligibility({ block: active, latestAppeal: null, now, cooldownHours: 24 })).toEqual({
      eligible: true,
    });
  });

  it("refuses ended blocks, including one whose expiry has passed before the job ran", () => {
    expect(
      checkAppealEligibility({
        block: { status: "LIFTED", expiresAt: null },
        latestAppeal: null,
        now,
        cooldownHours: 24,
      }),
    ).toEqual({ eligible: false, why: "LIFTED" });
    expect(
      checkAppealEligibility({
        block: { status: "EXPIRED", expiresAt: null },
        latestAppeal: null,
        now,
        cooldownHours: 24,
      }),
    ).toEqual({ eligible: false, why: "EXPIRED" });
    expect(
      checkAppealEligibility({
        block: { status: "ACTIVE", expiresAt: now },
        latestAppeal: null,
        now,
        cooldownHours: 24,
      }),
    ).toEqual({ eligible: false, why: "EXPIRED" });
  });

  it("allows one open request at a time", () => {
    for (const status of ["OPEN", "NEEDS_INFO"] as const) {
      expect(
        checkAppealEligibility({
          block: active,
          latestAppeal: { reference: "A-7K3F9Q", status, decidedAt: null },
          now,
          cooldownHours: 24,
        }),
      ).toEqual({ eligible: false, why: "OPEN", reference: "A-7K3F9Q" });
    }
  });

  it("after a denial waits for the cooldown, to the second", () => {
    const decidedAt = new Date(now.getTime() - 23 * 3_600_000);
    expect(
      checkAppealEligibility({
        block: active,
        latestAppeal: { reference: "A-7K3F9Q", status: "DENIED", decidedAt },
        now,
        cooldownHours: 24,
      }),
    ).toEqual({ eligible: false, why: "COOLDOWN", availableAt: new Date("2026-11-28T13:00:00Z") });
    expect(
      checkAppealEligibility({
        block: active,
        latestAppeal: { reference: "A-7K3F9Q", status: "DENIED", decidedAt },
        now,
        cooldownHours: 23,
      }),
    ).toEqual({ eligible: true });
    expect(
      checkAppealEligibility({
        block: active,
        latestAppeal: { reference: "A-7K3F9Q", status: "DENIED", decidedAt: now },
        now,
        cooldownHours: 0,
      }),
    ).toEqual({ eligible: true });
  });
});

describe("references", () => {
  it("are A-/C- and six characters that cannot be misread", () => {
    for (let i = 0; i < 500; i += 1) {
      expect(generateReference("A")).toMatch(REFERENCE_PATTERN);
      expect(generateReference("C")).toMatch(/^C-[^01ILOU]{6}$/);
    }
    expect(REFERENCE_PATTERN.test("A-7K3F9Q")).toBe(true);
    expect(REFERENCE_PATTERN.test("A-7K3F9O")).toBe(false);
  });
});

describe("canonical JSON", () => {
  it("does not depend on key order, so the digest of a stored bundle can be recomputed", () => {
    const a = { b: 1, a: { d: [1, { z: 1, y: 2 }], c: "x" } };
    const b = { a: { c: "x", d: [1, { y: 2, z: 1 }] }, b: 1 };
    expect(canonicalJson(a)).toBe('{"a":{"c":"x","d":[1,{"y":2,"z":1}]},"b":1}');
    expect(digestOf(a)).toBe(digestOf(b));
    expect(digestOf(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(digestOf({ ...a, b: 2 })).not.toBe(digestOf(a));
  });
});
