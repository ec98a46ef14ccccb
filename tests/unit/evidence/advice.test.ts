import { describe, expect, it } from "vitest";
import { adviseRemediation, summariseReason, type BlockReason, type EvidenceItem } from "@/lib/evidence";
import {
  abuseBlockEvidence,
  complaintRateItem,
  evasionItem,
  evidenceOfEveryKind,
  headerProblemsItem,
  listBombingItem,
  listQualityItem,
  messageSamplesItem,
  sendRateItem,
  spamRulesItem,
  suspiciousLinksItem,
} from "@/tests/support/evidence-fixtures";

const advise = (evidence: EvidenceItem[], reason: BlockReason = "SPAM", target = "newsletter-app") =>
  adviseRemediation({ reason, target, evidence });
const titles = (evidence: EvidenceItem[], reason?: BlockReason) => advise(evidence, reason).steps.map((s) => s.title);

describe("adviseRemediation", () => {
  it.each(["SPAM", "ABUSE", "RATE"] as const)(
    "for %s starts by stopping the sender and ends with the review",
    (reason) => {
      for (const evidence of [[], evidenceOfEveryKind()]) {
        const { steps } = advise(evidence, reason);
        expect(steps[0]?.title).toBe("Stop the campaign or process that sends through newsletter-app.");
        expect(steps.at(-1)?.title).toBe("When fixed, request a review.");
        expect(steps.at(-1)?.action).toBe("request_review");
        expect(steps.slice(0, -1).every((step) => step.action === undefined)).toBe(true);
      }
    },
  );

  it("speaks calmly about what was detected", () => {
    const text = advise(evidenceOfEveryKind(), "ABUSE")
      .steps.map((s) => `${s.title} ${s.detail}`)
      .join(" ");
    expect(text).toContain("We detected");
    expect(text).not.toMatch(/you spammed|you abused|violat/i);
  });

  it("matches the report-page example for an abuse block", () => {
    expect(titles(abuseBlockEvidence(), "ABUSE")).toEqual([
      "Stop the campaign or process that sends through newsletter-app.",
      "Send only to people who asked for this mail (complaints reached 0.62 % of delivered, limit 0.30 %).",
      "Remove the addresses that never opted in (24 % unknown users, limit 5 %).",
      "Re-confirm your list before sending to it again (3 spam-trap hits).",
      "Add a working one-click List-Unsubscribe header (missing in 3 of 3 samples).",
      "Use full links on your own domain instead of shorteners and redirects (1 link).",
      "When fixed, request a review.",
    ]);
  });

  it("puts the steps for the block's own reason first", () => {
    const evidence = [sendRateItem(), complaintRateItem(), spamRulesItem()];
    const kinds = (reason: BlockReason) =>
      advise(evidence, reason)
        .steps.map((s) => s.evidenceKind)
        .filter(Boolean);
    expect(kinds("RATE")).toEqual(["send_rate", "complaint_rate", "spam_rules"]);
    expect(kinds("ABUSE")).toEqual(["complaint_rate", "spam_rules", "send_rate"]);
    expect(kinds("SPAM")).toEqual(["spam_rules", "complaint_rate", "send_rate"]);
  });

  it("gives no step for evidence that shows no breach", () => {
    const calm = [
      complaintRateItem({ points: [{ at: "2026-11-27T14:00:00Z", ratePercent: 0.1, delivered: 1000, complaints: 1 }] }),
      listQualityItem({ unknownUserRatePercent: 2, spamTrapHits: 0 }),
      sendRateItem({ points: [{ at: "2026-11-27T14:00:00Z", perMinute: 500 }] }),
      spamRulesItem({ hits: [{ rule: "DKIM_VALID", score: -0.1, description: "" }] }),
      messageSamplesItem(),
    ];
    expect(titles(calm, "ABUSE")).toEqual([
      "Stop the campaign or process that sends through newsletter-app.",
      "Check where your recipient addresses came from.",
      "When fixed, request a review.",
    ]);
  });

  it("keeps a step for the block's own reason when its evidence shows no breach", () => {
    expect(titles([complaintRateItem()], "RATE")).toEqual([
      "Stop the campaign or process that sends through newsletter-app.",
      "Throttle sending to under your plan's limit.",
      "Send only to people who asked for this mail (complaints reached 0.62 % of delivered, limit 0.30 %).",
      "When fixed, request a review.",
    ]);
  });

  it("asks for a throttle under the plan limit, with units", () => {
    const step = advise([sendRateItem()], "RATE").steps[1];
    expect(step?.title).toBe("Throttle sending to under 500 messages per minute.");
    expect(step?.detail).toContain(
      "peaked at 1,840 messages per minute; the Business plan allows 500 messages per minute",
    );
  });

  it("names the top spam rules by score, each on its own line: what it found in plain words first, the rule's name second", () => {
    const step = advise([spamRulesItem()]).steps[1];
    expect(step?.title).toBe("Fix what the top 3 spam rules found in your messages.");
    expect(step?.items).toEqual([
      "Contains a URL listed in the ABUSE SURBL blocklist (rule URIBL_ABUSE_SURBL, score 4.2).",
      "Bulk mail without a List-Unsubscribe header (rule MISSING_LIST_UNSUBSCRIBE, score 2.5).",
      "HTML: images with 1200-1600 bytes of words (rule HTML_IMAGE_ONLY_16, score 1.1).",
    ]);
  });

  it("names what a URL-blocklist rule matched, defanged, and the message it was found in", () => {
    const rules = spamRulesItem({
      hits: [
        {
          rule: "URIBL_BLACK",
          score: 3.5,
          description: "Contains a URL listed in the URIBL blacklist",
          matched: "cheap-pills.example",
          foundIn: "Your invoice https://x.example/a",
        },
      ],
    });
    expect(advise([rules]).steps[1]?.items).toEqual([
      "Contains a URL listed in the URIBL blacklist (rule URIBL_BLACK, score 3.5). Matched cheap-pills[.]example in the message “Your invoice hxxps://x[.]example/a”.",
    ]);
  });

  it("names each blocklisted link's domain, defanged, its list and the message it was found in", () => {
    const links = suspiciousLinksItem({
      links: [
        {
          url: "https://cheap-pills.example/buy?id=1",
          reason: "blocklisted",
          listedOn: "Spamhaus DBL",
          foundIn: "Last chance",
        },
        { url: "http://other.example", reason: "blocklisted" },
      ],
    });
    const step = advise([links]).steps.find((s) => s.title.startsWith("Remove the blocklisted links"));
    expect(step?.items).toEqual([
      "A link to cheap-pills[.]example, a domain listed on Spamhaus DBL, in the message “Last chance”.",
      "A link to other[.]example, a blocklisted domain.",
    ]);
  });

  it("asks to remove look-alike and script links, and to stop evasion", () => {
    const links = suspiciousLinksItem({
      links: [
        { url: "https://pаypal.com", reason: "lookalike" },
        { url: "javascript:alert(1)", reason: "javascript" },
      ],
    });
    expect(titles([links, evasionItem()])).toEqual(
      expect.arrayContaining([
        "Remove the look-alike and script links (2 links).",
        "Stop hiding or obfuscating content (hidden text and look-alike characters).",
      ]),
    );
  });

  it("asks to fix alignment for forged or mismatched headers", () => {
    expect(titles([headerProblemsItem()])).toContain(
      "Fix SPF, DKIM and From alignment (From mismatch in 2 of 3 samples).",
    );
  });

  it("asks for CAPTCHA and double opt-in after list bombing", () => {
    const step = advise([listBombingItem()], "ABUSE").steps[1];
    expect(step?.title).toBe("Add a CAPTCHA and double opt-in to your signup forms.");
    expect(step?.detail).toContain("2 bursts of up to 120 messages");
  });

  it("never echoes live links or bidi overrides from the evidence", () => {
    const hits = [
      {
        rule: "EVIL_\u202ERULE",
        score: 5,
        description: "see https://evil.example/x",
        matched: "https://evil.example/y\u202E",
        foundIn: "Hi https://evil.example/z",
      },
    ];
    const links = suspiciousLinksItem({
      links: [
        {
          url: "https://evil\u202E.example/w",
          reason: "blocklisted",
          listedOn: "list\u202E",
          foundIn: "https://evil.example/v",
        },
      ],
    });
    const text = advise([spamRulesItem({ hits }), links], "SPAM", "ops\u202Emoc")
      .steps.map((s) => [s.title, s.detail, ...(s.items ?? [])].join(" "))
      .join(" ");
    expect(text).not.toContain("\u202E");
    expect(text).not.toContain("https://");
    expect(text).toContain("hxxps://evil[.]example/x");
  });

  it("offers prevention advice that depends on the reason", () => {
    const spam = advise([], "SPAM").prevention;
    const rate = advise([], "RATE").prevention;
    expect(spam.join(" ")).toContain("List-Unsubscribe");
    expect(rate.join(" ")).toContain("rate limit");
    expect(advise([], "ABUSE").prevention.join(" ")).toContain("double opt-in");
    expect(spam).not.toEqual(rate);
  });
});

describe("summariseReason", () => {
  it("quotes the complaint rate for an abuse block", () => {
    expect(summariseReason("ABUSE", abuseBlockEvidence())).toBe(
      "Abuse signals: complaints from recipients rose to 0.62 % of delivered (limit 0.30 %).",
    );
  });

  it("falls back to the next most telling abuse finding", () => {
    expect(summariseReason("ABUSE", [listQualityItem({ spamTrapHits: 0 })])).toBe(
      "Abuse signals: 24 % of recipients were unknown users (limit 5 %).",
    );
    expect(summariseReason("ABUSE", [listQualityItem({ spamTrapHits: 1 })])).toBe(
      "Abuse signals: the recipient list hit 1 spam trap, addresses that never sign up for mail.",
    );
  });

  it("quotes the peak rate against the plan limit", () => {
    expect(summariseReason("RATE", [sendRateItem()])).toBe(
      "Sending rate: peaked at 1,840 messages per minute (plan limit 500 messages per minute).",
    );
  });

  it("quotes the strongest spam rule, counting only rules that scored against the sender", () => {
    expect(summariseReason("SPAM", evidenceOfEveryKind())).toBe(
      "Spam content: messages matched 3 spam rules; the strongest: Contains a URL listed in the ABUSE SURBL blocklist (rule URIBL_ABUSE_SURBL, score 4.2).",
    );
  });

  it("uses links, evasion and headers when there are no rule hits", () => {
    expect(summariseReason("SPAM", [suspiciousLinksItem()])).toBe(
      "Spam content: messages contained 2 suspicious links (look-alike domain and URL shortener).",
    );
    expect(summariseReason("SPAM", [headerProblemsItem({ problems: [headerProblemsItem().problems[0]!] })])).toBe(
      "Spam content: messages had no working List-Unsubscribe header (missing in 3 of 3 samples).",
    );
  });

  it.each([
    ["SPAM", "Spam content: our filters classified recent messages from this sender as spam."],
    ["ABUSE", "Abuse signals: we detected signs of abuse in recent mail from this sender."],
    ["RATE", "Sending rate: this sender went over the sending limit of its plan."],
  ] as const)("falls back gracefully for %s without evidence", (reason, sentence) => {
    expect(summariseReason(reason, [])).toBe(sentence);
  });

  it("does not borrow another axis's finding for its sentence", () => {
    expect(summariseReason("RATE", [complaintRateItem()])).toBe(
      "Sending rate: this sender went over the sending limit of its plan.",
    );
  });
});
