import type { EvidenceItem } from "@/lib/evidence";

// Realistic evidence, including what a spammer really sends: markup in subjects,
// javascript: and look-alike URLs, a 10 kB header, right-to-left overrides and emoji.
// The report page must show all of it as harmless text.

const HOUR = 3_600_000;
const iso = (at: number) => new Date(at).toISOString();
const window = (end: number, hours: number, messages?: number) => ({
  from: iso(end - hours * HOUR),
  to: iso(end),
  ...(messages ? { messages } : {}),
});

const series = <T>(end: number, hours: number, steps: number, make: (at: string, i: number) => T): T[] =>
  Array.from({ length: steps }, (_, i) => make(iso(end - hours * HOUR + (i * hours * HOUR) / (steps - 1)), i));

const HOSTILE_SUBJECTS = [
  '<script>alert("report")</script> Your invoice is ready',
  "🔥🔥 FINAL NOTICE: 90 % OFF ends tonight 🔥🔥",
  "Invoice for your order \u202Efdp.exe",
  '<img src="https://tracker.example/p.gif" onerror="alert(1)"> Account suspended',
];

export function abuseEvidence(end: number): EvidenceItem[] {
  return [
    {
      kind: "complaint_rate",
      window: window(end, 48, 41_200),
      thresholdPercent: 0.3,
      points: series(end, 48, 13, (at, i) => {
        const ratePercent = [0.08, 0.09, 0.11, 0.1, 0.14, 0.18, 0.22, 0.29, 0.35, 0.41, 0.48, 0.55, 0.62][i] ?? 0.62;
        const delivered = 3_000 + i * 40;
        return { at, ratePercent, delivered, complaints: Math.round((delivered * ratePercent) / 100) };
      }),
    },
    {
      kind: "list_quality",
      window: window(end, 48, 41_200),
      recipients: 41_200,
      unknownUserRatePercent: 24.1,
      spamTrapHits: 7,
      bounceRatePercent: 26.3,
      unknownUserLimitPercent: 5,
    },
    {
      kind: "header_problems",
      window: window(end, 6, 3),
      problems: [
        {
          header: "List-Unsubscribe",
          problem: "missing",
          detail: "No List-Unsubscribe or List-Unsubscribe-Post header.",
          seenIn: 3,
          ofSamples: 3,
        },
        {
          header: "X-Campaign-Data",
          problem: "oversized",
          detail: "Header value is 10,240 bytes long.",
          sample: `X-Campaign-Data: ${"A".repeat(10_240)}`,
          seenIn: 1,
          ofSamples: 3,
        },
      ],
    },
    {
      kind: "message_samples",
      window: window(end, 6, 3),
      samples: HOSTILE_SUBJECTS.slice(0, 3).map((subject, i) => ({
        subject,
        from: "Northwind News <news@northwind.example>",
        sentAt: iso(end - (i + 1) * 0.7 * HOUR),
        score: 6.5 + i,
        recipientCount: 1_204 - i * 3,
        recipients: ["j***@e***.com", "m***@m***.org"],
      })),
    },
    {
      kind: "suspicious_links",
      window: window(end, 6, 3),
      links: [
        {
          url: "https://bit.ly/3xYz9Qa",
          reason: "shortener",
          detail: "URL shortener hides the destination.",
          occurrences: 3,
        },
        {
          url: "https://pаypal.com.account-verify.example/login",
          reason: "lookalike",
          detail: "Cyrillic 'а' imitates paypal.com.",
          occurrences: 1,
        },
        {
          url: "javascript:alert(document.cookie)",
          reason: "javascript",
          detail: "Script URL in an <a href>.",
          occurrences: 1,
        },
      ],
    },
  ];
}

export function spamEvidence(end: number, withEvasion: boolean): EvidenceItem[] {
  const items: EvidenceItem[] = [
    {
      kind: "spam_rules",
      window: window(end, 2, 860),
      hits: [
        {
          rule: "URIBL_BLACK",
          score: 3.5,
          description: "Contains a URL listed in the URIBL blacklist",
          matched: "deals-acme.example",
          foundIn: HOSTILE_SUBJECTS[1]!,
        },
        { rule: "HTML_IMAGE_ONLY_16", score: 2.1, description: "HTML: images with 1200-1600 bytes of words" },
        { rule: "SUBJ_ALL_CAPS", score: 1.6, description: "Subject is all capitals" },
        { rule: "FREEMAIL_FORGED_REPLYTO", score: 2.9, description: "Freemail in Reply-To, but not From" },
        { rule: "MIME_HTML_ONLY", score: 0.7, description: "Message only has text/html MIME parts" },
      ],
    },
    {
      kind: "message_samples",
      window: window(end, 2, 860),
      samples: [HOSTILE_SUBJECTS[1]!, HOSTILE_SUBJECTS[3]!].map((subject, i) => ({
        subject,
        from: "Acme Deals <promo@acme-shop.example>",
        sentAt: iso(end - (i + 0.5) * HOUR),
        score: 9.8 - i,
        recipientCount: 430,
      })),
    },
    {
      kind: "suspicious_links",
      window: window(end, 2, 860),
      links: [
        { url: "http://203.0.113.7/redirect?to=https://acme-shop.example", reason: "ip_literal", occurrences: 860 },
        { url: "https://tinyurl.com/acme-deal", reason: "shortener", occurrences: 860 },
        {
          url: "https://deals-acme.example/today?ref=promo",
          reason: "blocklisted",
          listedOn: "URIBL black",
          foundIn: HOSTILE_SUBJECTS[1]!,
          occurrences: 430,
        },
      ],
    },
  ];
  if (withEvasion) {
    items.push({
      kind: "evasion",
      window: window(end, 2, 860),
      signals: [
        { signal: "hidden_text", detail: "1,900 characters of white-on-white text after the footer." },
        { signal: "homoglyphs", detail: "\u200BFREE written with zero-width spaces and Cyrillic letters." },
        { signal: "random_suffixes", detail: "Subject lines end in random tokens (e.g. \u201C#x8Q2\u201D)." },
      ],
    });
  }
  return items;
}

export function rateEvidence(end: number, limitPerMinute: number): EvidenceItem[] {
  return [
    {
      kind: "send_rate",
      window: window(end, 2, 152_000),
      limitPerMinute,
      planName: "Growth",
      points: series(end, 2, 25, (at, i) => ({
        at,
        perMinute: Math.round(limitPerMinute * (i < 6 ? 0.6 + i * 0.1 : 1.8 + Math.sin(i) * 0.3)),
      })),
    },
  ];
}

export function listBombingEvidence(end: number): EvidenceItem[] {
  return [
    {
      kind: "list_bombing",
      window: window(end, 1, 2_300),
      bursts: [
        {
          start: iso(end - 0.9 * HOUR),
          end: iso(end - 0.8 * HOUR),
          recipient: "v***@g***.com",
          messages: 940,
          distinctSources: 212,
        },
        {
          start: iso(end - 0.5 * HOUR),
          end: iso(end - 0.4 * HOUR),
          recipient: "a***@o***.net",
          messages: 1_360,
          distinctSources: 305,
        },
      ],
    },
  ];
}

export function forgedHeaderEvidence(end: number): EvidenceItem[] {
  return [
    {
      kind: "header_problems",
      window: window(end, 1, 240),
      problems: [
        {
          header: "From",
          problem: "forged",
          detail: "From claims bank.example; DKIM signed by shop-notify.example; SPF fails.",
          seenIn: 4,
          ofSamples: 4,
        },
        {
          header: "Message-ID",
          problem: "invalid",
          detail: "Message-ID has no domain part.",
          sample: "Message-ID: <1700000000@>",
          seenIn: 4,
          ofSamples: 4,
        },
      ],
    },
  ];
}
