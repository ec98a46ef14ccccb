import type { EvidenceItem, EvidenceKind, EvidenceOf, EvidenceWindow } from "@/lib/evidence";

/*
 * One realistic, valid evidence item per kind, in the form it is stored (recipients
 * already redacted). The story matches the report-page mock-up: a newsletter sender
 * blocked on 27 Nov 2026 for complaints of 0.62 % against a 0.30 % limit.
 * Every builder takes overrides for the fields a test cares about.
 */

export const fixtureWindow: EvidenceWindow = {
  from: "2026-11-27T14:00:00Z",
  to: "2026-11-27T16:00:00Z",
  messages: 2000,
};

type Overrides<K extends EvidenceKind> = Partial<Omit<EvidenceOf<K>, "kind">>;

const hour = (h: number) => `2026-11-27T${String(h).padStart(2, "0")}:00:00Z`;

export const spamRulesItem = (o: Overrides<"spam_rules"> = {}): EvidenceOf<"spam_rules"> => ({
  kind: "spam_rules",
  window: fixtureWindow,
  hits: [
    { rule: "URIBL_ABUSE_SURBL", score: 4.2, description: "Contains a URL listed in the ABUSE SURBL blocklist" },
    { rule: "MISSING_LIST_UNSUBSCRIBE", score: 2.5, description: "Bulk mail without a List-Unsubscribe header" },
    { rule: "HTML_IMAGE_ONLY_16", score: 1.1, description: "HTML: images with 1200-1600 bytes of words" },
    { rule: "DKIM_VALID", score: -0.1, description: "Message has at least one valid DKIM signature" },
  ],
  ...o,
});

export const suspiciousLinksItem = (o: Overrides<"suspicious_links"> = {}): EvidenceOf<"suspicious_links"> => ({
  kind: "suspicious_links",
  window: fixtureWindow,
  links: [
    { url: "https://bit.ly/3xYzQ9k", reason: "shortener", occurrences: 1840 },
    { url: "https://paypa1-secure.example/login", reason: "lookalike", detail: "Imitates paypal.com", occurrences: 12 },
  ],
  ...o,
});

export const headerProblemsItem = (o: Overrides<"header_problems"> = {}): EvidenceOf<"header_problems"> => ({
  kind: "header_problems",
  window: fixtureWindow,
  problems: [
    {
      header: "List-Unsubscribe",
      problem: "missing",
      detail: "Bulk mail without an unsubscribe header",
      seenIn: 3,
      ofSamples: 3,
    },
    {
      header: "From",
      problem: "mismatch",
      detail: "From domain does not match the DKIM signing domain",
      sample: "From: News <news@shop.example>\r\nDKIM-Signature: v=1; a=rsa-sha256; d=mailer.example; s=s1;",
      seenIn: 2,
      ofSamples: 3,
    },
  ],
  ...o,
});

export const messageSamplesItem = (o: Overrides<"message_samples"> = {}): EvidenceOf<"message_samples"> => ({
  kind: "message_samples",
  window: fixtureWindow,
  samples: [
    {
      subject: "Black Friday: 70 % off everything",
      from: "news@shop.example",
      sentAt: "2026-11-27T14:05:12Z",
      score: 8.4,
      recipientCount: 1204,
      recipients: ["j***@e***.com", "m***@g***.com"],
    },
    {
      subject: "Last chance – your basket is waiting",
      from: "news@shop.example",
      sentAt: "2026-11-27T14:41:40Z",
      score: 7.9,
      recipientCount: 980,
    },
    {
      subject: "Re: your order",
      from: "news@shop.example",
      sentAt: "2026-11-27T15:10:03Z",
      score: 9.1,
      recipientCount: 1,
      recipients: ["a***@o***.net"],
    },
  ],
  ...o,
});

export const complaintRateItem = (o: Overrides<"complaint_rate"> = {}): EvidenceOf<"complaint_rate"> => ({
  kind: "complaint_rate",
  window: { from: "2026-11-25T16:00:00Z", to: "2026-11-27T16:00:00Z", messages: 48000 },
  thresholdPercent: 0.3,
  points: [
    { at: hour(13), ratePercent: 0.12, delivered: 6000, complaints: 7 },
    { at: hour(14), ratePercent: 0.41, delivered: 6100, complaints: 25 },
    { at: hour(15), ratePercent: 0.62, delivered: 5950, complaints: 37 },
  ],
  ...o,
});

export const listQualityItem = (o: Overrides<"list_quality"> = {}): EvidenceOf<"list_quality"> => ({
  kind: "list_quality",
  window: fixtureWindow,
  recipients: 12480,
  unknownUserRatePercent: 24,
  spamTrapHits: 3,
  bounceRatePercent: 26.5,
  unknownUserLimitPercent: 5,
  ...o,
});

export const listBombingItem = (o: Overrides<"list_bombing"> = {}): EvidenceOf<"list_bombing"> => ({
  kind: "list_bombing",
  window: fixtureWindow,
  bursts: [
    {
      start: "2026-11-27T14:10:00Z",
      end: "2026-11-27T14:16:00Z",
      recipient: "v***@e***.org",
      messages: 120,
      distinctSources: 97,
    },
    { start: "2026-11-27T15:02:00Z", end: "2026-11-27T15:05:00Z", recipient: "v***@e***.org", messages: 64 },
  ],
  ...o,
});

export const evasionItem = (o: Overrides<"evasion"> = {}): EvidenceOf<"evasion"> => ({
  kind: "evasion",
  window: fixtureWindow,
  signals: [
    { signal: "hidden_text", detail: "1,900 characters of white-on-white text after the footer" },
    { signal: "homoglyphs", detail: 'Cyrillic letters in the word "PayPal" in the subject' },
  ],
  ...o,
});

export const sendRateItem = (o: Overrides<"send_rate"> = {}): EvidenceOf<"send_rate"> => ({
  kind: "send_rate",
  window: fixtureWindow,
  limitPerMinute: 500,
  planName: "Business",
  points: [
    { at: "2026-11-27T14:00:00Z", perMinute: 420 },
    { at: "2026-11-27T14:01:00Z", perMinute: 1840 },
    { at: "2026-11-27T14:02:00Z", perMinute: 1610 },
  ],
  ...o,
});

export const evidenceFixtureBuilders: { [K in EvidenceKind]: (o?: Overrides<K>) => EvidenceOf<K> } = {
  spam_rules: spamRulesItem,
  suspicious_links: suspiciousLinksItem,
  header_problems: headerProblemsItem,
  message_samples: messageSamplesItem,
  complaint_rate: complaintRateItem,
  list_quality: listQualityItem,
  list_bombing: listBombingItem,
  evasion: evasionItem,
  send_rate: sendRateItem,
};

/** One valid item of every kind, in schema order. */
export const evidenceOfEveryKind = (): EvidenceItem[] => Object.values(evidenceFixtureBuilders).map((build) => build());

/** The evidence of the mock-up's ABUSE block: complaints, list quality, samples, links. */
export const abuseBlockEvidence = (): EvidenceItem[] => [
  complaintRateItem(),
  listQualityItem(),
  messageSamplesItem(),
  suspiciousLinksItem({ links: [{ url: "https://bit.ly/3xYzQ9k", reason: "shortener", occurrences: 1840 }] }),
  headerProblemsItem({ problems: [headerProblemsItem().problems[0]!] }),
];
