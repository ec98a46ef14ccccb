import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  redactEmail,
  redactEmailsIn,
  redactHeaderSample,
  redactRecipientField,
  redactRecipients,
  type EvidenceOf,
} from "@/lib/evidence";
import {
  complaintRateItem,
  headerProblemsItem,
  listBombingItem,
  messageSamplesItem,
} from "@/tests/support/evidence-fixtures";

describe("redactEmail", () => {
  it.each([
    ["john.doe@example.com", "j***@e***.com"],
    ["Jane@Mail.Example.CO.UK", "J***@M***.UK"],
    ["x@localhost", "x***@l***"],
    ["a@[192.0.2.1]", "a***@[***"],
    ["ünïcode@bücher.de", "ü***@b***.de"],
    ["😀smile@example.com", "😀***@e***.com"],
    ["user@xn--bcher-kva.example", "u***@x***.example"],
    ["  padded@example.com ", "p***@e***.com"],
    ["@example.com", "***@e***.com"],
    ["name@", "n***@***"],
    ["not-an-address", "n***"],
    ["", ""],
  ])("%j → %j", (input, expected) => {
    expect(redactEmail(input)).toBe(expected);
  });

  it("is idempotent and never returns the local part or domain in full", () => {
    const address = fc.tuple(
      fc.stringMatching(/^[a-z0-9._%+-]{2,20}$/),
      fc.stringMatching(/^[a-z0-9-]{2,20}$/),
      fc.constantFrom("com", "org", "de"),
    );
    fc.assert(
      fc.property(address, ([local, host, tld]) => {
        const once = redactEmail(`${local}@${host}.${tld}`);
        expect(redactEmail(once)).toBe(once);
        expect(once).not.toContain(`${local}@`);
        expect(once).not.toContain(`@${host}.`);
      }),
    );
  });
});

describe("redactRecipientField", () => {
  it("keeps only the redacted addresses, dropping display names", () => {
    expect(redactRecipientField("Jane Doe <jane.doe@example.com>")).toBe("j***@e***.com");
    expect(redactRecipientField("a@x.com, b@y.org")).toBe("a***@x***.com, b***@y***.org");
    expect(redactRecipientField("Jane Doe")).toBe("J***");
  });
});

describe("redactEmailsIn", () => {
  it("redacts addresses inside text and leaves the rest", () => {
    expect(redactEmailsIn("mailto:bob@example.com (Bob)")).toBe("mailto:b***@e***.com (Bob)");
  });

  it("stays fast on long runs without an address", () => {
    const started = performance.now();
    redactEmailsIn("a".repeat(200_000));
    redactEmailsIn("a@".repeat(100_000));
    expect(performance.now() - started).toBeLessThan(500);
  });
});

describe("redactHeaderSample", () => {
  it("redacts recipient headers, folded lines and Received 'for', but keeps the sender", () => {
    const sample = [
      "Received: from mx.shop.example by relay.example for <alice@example.net>; Thu, 27 Nov 2026 14:00:00 +0000",
      "From: News <news@shop.example>",
      "To: Alice <alice@example.net>,",
      "  bob@example.org",
      "Cc: carol@example.com",
      "Delivered-To: dave@example.com",
      "Reply-To: sales@shop.example",
      "Subject: Hello",
    ].join("\r\n");
    expect(redactHeaderSample(sample).split("\r\n")).toEqual([
      "Received: from mx.shop.example by relay.example for <a***@e***.net>; Thu, 27 Nov 2026 14:00:00 +0000",
      "From: News <news@shop.example>",
      "To: Alice <a***@e***.net>,",
      "  b***@e***.org",
      "Cc: c***@e***.com",
      "Delivered-To: d***@e***.com",
      "Reply-To: sales@shop.example",
      "Subject: Hello",
    ]);
  });
});

describe("redactRecipients", () => {
  it("redacts message-sample recipients and keeps the sender's own From", () => {
    const item = messageSamplesItem({
      samples: [
        {
          ...messageSamplesItem().samples[0]!,
          from: "news@shop.example",
          recipients: ["jane@example.com", "Bob <bob@mail.example.org>"],
        },
      ],
    });
    const redacted = redactRecipients(item) as EvidenceOf<"message_samples">;
    expect(redacted.samples[0]?.recipients).toEqual(["j***@e***.com", "b***@m***.org"]);
    expect(redacted.samples[0]?.from).toBe("news@shop.example");
    expect(item.samples[0]?.recipients?.[0]).toBe("jane@example.com");
  });

  it("leaves samples without a recipients list without one", () => {
    const redacted = redactRecipients(messageSamplesItem()) as EvidenceOf<"message_samples">;
    expect(redacted.samples[1]).not.toHaveProperty("recipients");
  });

  it("redacts list-bombing recipients", () => {
    const burst = { ...listBombingItem().bursts[0]!, recipient: "victim@example.org" };
    const redacted = redactRecipients(listBombingItem({ bursts: [burst] })) as EvidenceOf<"list_bombing">;
    expect(redacted.bursts[0]?.recipient).toBe("v***@e***.org");
  });

  it("redacts recipients inside header samples", () => {
    const problem = { ...headerProblemsItem().problems[1]!, sample: "To: jane@example.com" };
    const redacted = redactRecipients(headerProblemsItem({ problems: [problem] })) as EvidenceOf<"header_problems">;
    expect(redacted.problems[0]?.sample).toBe("To: j***@e***.com");
  });

  it("returns an equal copy of kinds without recipients", () => {
    const item = complaintRateItem();
    const copy = redactRecipients(item);
    expect(copy).toEqual(item);
    expect(copy).not.toBe(item);
  });
});
