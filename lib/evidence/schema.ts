import { z } from "zod";

/*
 * Evidence is written by whoever sent the spam. Strings accept any Unicode (markup, bidi
 * controls, emoji) because the report must show exactly what was seen; safety comes from
 * rendering as text, defanging and bidi neutralising at display time. Only lengths and
 * counts are limited here. Unknown keys are stripped rather than rejected so a newer relay
 * can add fields without its blocks failing to record.
 */

const isoDateTime = z.iso.datetime({ offset: true });
const count = z.int().nonnegative();
const percent = z.number().min(0).max(100);
const text = (max: number) => z.string().max(max);

const notBefore = (start: string, end: string) => Date.parse(end) >= Date.parse(start);

export const evidenceWindowSchema = z
  .object({ from: isoDateTime, to: isoDateTime, messages: count.optional() })
  .refine((w) => notBefore(w.from, w.to), { path: ["to"], message: "to must not be before from" });

const item = <K extends string, S extends z.ZodRawShape>(kind: K, shape: S) =>
  z.object({ kind: z.literal(kind), window: evidenceWindowSchema, ...shape });

const spamRules = item("spam_rules", {
  hits: z
    .array(
      z.object({
        rule: z.string().min(1).max(200),
        score: z.number(),
        description: text(1000),
        /** What the rule matched, e.g. the listed domain of a URL-blocklist rule. */
        matched: text(1000).optional(),
        /** The subject of the sampled message it matched in. */
        foundIn: text(2000).optional(),
      }),
    )
    .min(1)
    .max(200),
});

export const linkReasons = [
  "shortener",
  "lookalike",
  "blocklisted",
  "mismatched_text",
  "javascript",
  "ip_literal",
  "redirect_chain",
  "other",
] as const;

const suspiciousLinks = item("suspicious_links", {
  links: z
    .array(
      z.object({
        url: text(4000),
        reason: z.enum(linkReasons),
        detail: text(1000).optional(),
        occurrences: count.optional(),
        /** For a blocklisted link: the blocklist that lists its domain. */
        listedOn: text(200).optional(),
        /** The subject of the sampled message it was found in. */
        foundIn: text(2000).optional(),
      }),
    )
    .min(1)
    .max(200),
});

export const headerProblemKinds = ["missing", "invalid", "mismatch", "oversized", "forged"] as const;

const headerProblem = z
  .object({
    header: text(200),
    problem: z.enum(headerProblemKinds),
    detail: text(1000),
    sample: text(20000).optional(),
    seenIn: count,
    ofSamples: z.int().positive(),
  })
  .refine((p) => p.seenIn <= p.ofSamples, { path: ["seenIn"], message: "seenIn exceeds ofSamples" });

const headerProblems = item("header_problems", { problems: z.array(headerProblem).min(1).max(100) });

const messageSamples = item("message_samples", {
  samples: z
    .array(
      z.object({
        subject: text(2000),
        from: text(1000),
        sentAt: isoDateTime,
        score: z.number(),
        recipientCount: count,
        recipients: z.array(text(1000)).max(100).optional(),
      }),
    )
    .min(1)
    .max(50),
});

const complaintRate = item("complaint_rate", {
  thresholdPercent: percent,
  points: z
    /* No upper bound: complaints arrive late, so a bucket can hold more than it delivered. */
    .array(z.object({ at: isoDateTime, ratePercent: z.number().nonnegative(), delivered: count, complaints: count }))
    .min(1)
    .max(500),
});

const listQuality = item("list_quality", {
  recipients: count,
  unknownUserRatePercent: percent,
  spamTrapHits: count,
  bounceRatePercent: percent.optional(),
  unknownUserLimitPercent: percent,
});

const burst = z
  .object({
    start: isoDateTime,
    end: isoDateTime,
    recipient: text(1000),
    messages: count,
    distinctSources: count.optional(),
  })
  .refine((b) => notBefore(b.start, b.end), { path: ["end"], message: "end must not be before start" });

const listBombing = item("list_bombing", { bursts: z.array(burst).min(1).max(100) });

export const evasionSignals = [
  "hidden_text",
  "image_only",
  "homoglyphs",
  "random_suffixes",
  "rotating_from",
  "url_obfuscation",
  "other",
] as const;

const evasion = item("evasion", {
  signals: z
    .array(z.object({ signal: z.enum(evasionSignals), detail: text(1000) }))
    .min(1)
    .max(100),
});

const sendRate = item("send_rate", {
  limitPerMinute: z.number().positive(),
  planName: text(200).optional(),
  points: z
    .array(z.object({ at: isoDateTime, perMinute: z.number().nonnegative() }))
    .min(1)
    .max(1000),
});

export const evidenceItemSchema = z.discriminatedUnion("kind", [
  spamRules,
  suspiciousLinks,
  headerProblems,
  messageSamples,
  complaintRate,
  listQuality,
  listBombing,
  evasion,
  sendRate,
]);

export const MAX_EVIDENCE_ITEMS = 50;
export const evidenceListSchema = z.array(evidenceItemSchema).max(MAX_EVIDENCE_ITEMS);

export type EvidenceItem = z.infer<typeof evidenceItemSchema>;
export type EvidenceKind = EvidenceItem["kind"];
export type EvidenceOf<K extends EvidenceKind> = Extract<EvidenceItem, { kind: K }>;
export type EvidenceWindow = z.infer<typeof evidenceWindowSchema>;
export type LinkReason = (typeof linkReasons)[number];
export type HeaderProblemKind = (typeof headerProblemKinds)[number];
export type EvasionSignal = (typeof evasionSignals)[number];

export const evidenceKinds = evidenceItemSchema.options.map((o) => o.shape.kind.value) as EvidenceKind[];
