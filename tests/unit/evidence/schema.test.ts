import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  evidenceItemSchema,
  evidenceKinds,
  evidenceListSchema,
  parseEvidence,
  parseEvidenceItem,
  type EvidenceItem,
} from "@/lib/evidence";
import {
  complaintRateItem,
  evidenceOfEveryKind,
  headerProblemsItem,
  listBombingItem,
  messageSamplesItem,
  sendRateItem,
  spamRulesItem,
  suspiciousLinksItem,
} from "@/tests/support/evidence-fixtures";

const accepts = (value: unknown) => evidenceItemSchema.safeParse(value).success;

describe("evidenceItemSchema", () => {
  it.each(evidenceOfEveryKind().map((item) => [item.kind, item] as const))("accepts a valid %s item", (_, item) => {
    expect(evidenceItemSchema.parse(item)).toEqual(item);
  });

  it("has a fixture for every kind", () => {
    expect(evidenceOfEveryKind().map((i) => i.kind)).toEqual(evidenceKinds);
    expect(evidenceKinds).toHaveLength(9);
  });

  it("rejects an unknown kind and a missing kind", () => {
    expect(accepts({ ...spamRulesItem(), kind: "spam_rule" })).toBe(false);
    expect(accepts({ ...spamRulesItem(), kind: undefined })).toBe(false);
  });

  it("rejects a window that ends before it starts, and accepts a zero-length one", () => {
    const window = { from: "2026-11-27T16:00:00Z", to: "2026-11-27T14:00:00Z" };
    const result = evidenceItemSchema.safeParse(spamRulesItem({ window }));
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(["window", "to"]);
    expect(accepts(spamRulesItem({ window: { from: window.to, to: window.to } }))).toBe(true);
  });

  it("compares window times as instants, not strings", () => {
    const window = { from: "2026-11-27T15:30:00+02:00", to: "2026-11-27T14:00:00Z" };
    expect(accepts(spamRulesItem({ window }))).toBe(true);
  });

  it.each(["2026-11-27", "27 Nov 2026 14:00", "2026-11-27T14:00:00", "2026-13-01T00:00:00Z", "", "not a date"])(
    "rejects the date %j",
    (from) => {
      expect(accepts(spamRulesItem({ window: { from, to: "2026-11-27T16:00:00Z" } }))).toBe(false);
      expect(accepts(complaintRateItem({ points: [{ at: from, ratePercent: 1, delivered: 1, complaints: 0 }] }))).toBe(
        false,
      );
    },
  );

  it("rejects negative and fractional counts", () => {
    expect(accepts(spamRulesItem({ window: { ...spamRulesItem().window, messages: -1 } }))).toBe(false);
    expect(accepts(spamRulesItem({ window: { ...spamRulesItem().window, messages: 2.5 } }))).toBe(false);
    expect(
      accepts(
        complaintRateItem({ points: [{ at: "2026-11-27T14:00:00Z", ratePercent: -0.1, delivered: 1, complaints: 0 }] }),
      ),
    ).toBe(false);
    expect(accepts(sendRateItem({ points: [{ at: "2026-11-27T14:00:00Z", perMinute: -5 }] }))).toBe(false);
  });

  it("rejects empty and oversized arrays at the documented limits", () => {
    const hit = { rule: "R", score: 1, description: "" };
    expect(accepts(spamRulesItem({ hits: [] }))).toBe(false);
    expect(accepts(spamRulesItem({ hits: Array(200).fill(hit) }))).toBe(true);
    expect(accepts(spamRulesItem({ hits: Array(201).fill(hit) }))).toBe(false);
    const sample = messageSamplesItem().samples[1]!;
    expect(accepts(messageSamplesItem({ samples: Array(50).fill(sample) }))).toBe(true);
    expect(accepts(messageSamplesItem({ samples: Array(51).fill(sample) }))).toBe(false);
    const point = { at: "2026-11-27T14:00:00Z", perMinute: 1 };
    expect(accepts(sendRateItem({ points: Array(1000).fill(point) }))).toBe(true);
    expect(accepts(sendRateItem({ points: Array(1001).fill(point) }))).toBe(false);
  });

  it("rejects oversized strings at the documented limits", () => {
    const problem = headerProblemsItem().problems[1]!;
    expect(accepts(headerProblemsItem({ problems: [{ ...problem, sample: "x".repeat(20000) }] }))).toBe(true);
    expect(accepts(headerProblemsItem({ problems: [{ ...problem, sample: "x".repeat(20001) }] }))).toBe(false);
    expect(accepts(spamRulesItem({ hits: [{ rule: "R".repeat(201), score: 1, description: "" }] }))).toBe(false);
    expect(accepts(spamRulesItem({ hits: [{ rule: "", score: 1, description: "" }] }))).toBe(false);
    expect(
      accepts(suspiciousLinksItem({ links: [{ url: `https://x.example/${"a".repeat(4000)}`, reason: "other" }] })),
    ).toBe(false);
  });

  it("rejects a header problem seen in more samples than were taken, and a burst that ends before it starts", () => {
    const problem = headerProblemsItem().problems[0]!;
    expect(accepts(headerProblemsItem({ problems: [{ ...problem, seenIn: 4, ofSamples: 3 }] }))).toBe(false);
    const burst = listBombingItem().bursts[0]!;
    expect(accepts(listBombingItem({ bursts: [{ ...burst, end: "2026-11-27T14:00:00Z" }] }))).toBe(false);
  });

  it("rejects enum values outside the documented lists", () => {
    expect(accepts(suspiciousLinksItem({ links: [{ url: "x", reason: "phishing" as "other" }] }))).toBe(false);
  });

  it("stores hostile text exactly as written", () => {
    const hostile = "<script>alert(1)</script> \u202Egnp.exe 😀 \u0007";
    const sample = `X-Spam: ${"A".repeat(10_000)}`;
    const item = messageSamplesItem({ samples: [{ ...messageSamplesItem().samples[1]!, subject: hostile }] });
    expect(evidenceItemSchema.parse(item)).toEqual(item);
    const headers = headerProblemsItem({ problems: [{ ...headerProblemsItem().problems[1]!, sample }] });
    expect(evidenceItemSchema.parse(headers)).toEqual(headers);
  });

  it("strips unknown keys", () => {
    const parsed = evidenceItemSchema.parse({ ...spamRulesItem(), extra: "<img src=x>" });
    expect(parsed).not.toHaveProperty("extra");
  });

  it("converts to JSON Schema for the API description", () => {
    const schema = z.toJSONSchema(evidenceListSchema, { io: "input" });
    expect(JSON.stringify(schema)).toContain("list_bombing");
  });
});

describe("evidenceListSchema", () => {
  it("accepts up to 50 items", () => {
    expect(evidenceListSchema.safeParse(Array(50).fill(spamRulesItem())).success).toBe(true);
    expect(evidenceListSchema.safeParse(Array(51).fill(spamRulesItem())).success).toBe(false);
    expect(evidenceListSchema.safeParse([]).success).toBe(true);
  });
});

describe("parseEvidence", () => {
  it("redacts recipients on the way in", () => {
    const bombing = listBombingItem({ bursts: [{ ...listBombingItem().bursts[0]!, recipient: "victim@example.org" }] });
    const result = parseEvidence([bombing]);
    expect(result.success && result.data[0]).toMatchObject({ bursts: [{ recipient: "v***@e***.org" }] });
  });

  it("replaces characters Postgres jsonb cannot store, keeping the rest", () => {
    const sample = { ...messageSamplesItem().samples[1]!, subject: "a\u0000b\uD800c😀" };
    const result = parseEvidenceItem(messageSamplesItem({ samples: [sample] }));
    const stored = result.data as Extract<EvidenceItem, { kind: "message_samples" }>;
    expect(stored.samples[0]?.subject).toBe("a\uFFFDb\uFFFDc😀");
  });

  it("is idempotent on stored evidence", () => {
    const first = parseEvidence(evidenceOfEveryKind());
    expect(first.success).toBe(true);
    expect(parseEvidence(first.data)).toEqual(first);
  });

  it("reports issues with their path", () => {
    const result = parseEvidence([spamRulesItem(), { kind: "nope" }]);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path[0]).toBe(1);
  });
});
