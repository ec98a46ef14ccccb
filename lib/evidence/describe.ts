import { toDisplayText } from "./defang";
import type { HeaderFinding } from "./findings";
import {
  firstCharacters,
  formatCount,
  formatQuantity,
  formatUtcDate,
  formatUtcDateTime,
  formatUtcTime,
} from "./format";
import type { EvasionSignal, EvidenceKind, EvidenceWindow, LinkReason } from "./schema";

export interface EvidenceKindDescription {
  title: string;
  howToRead: string;
}

const descriptions: Record<EvidenceKind, EvidenceKindDescription> = {
  spam_rules: {
    title: "Spam rule hits",
    howToRead:
      "Each row is a content rule our filter matched in the messages. A higher score counts more towards a block, so fixing the highest-scoring rules first has the most effect.",
  },
  suspicious_links: {
    title: "Suspicious links",
    howToRead:
      "Links found in the messages that filters treat as risky, and why. They are shown defanged (hxxps, [.]) so they cannot be opened from this page.",
  },
  header_problems: {
    title: "Header problems",
    howToRead:
      "Each row is a message header that was missing, invalid, inconsistent or forged, and in how many of the sampled messages we saw it.",
  },
  message_samples: {
    title: "Message samples",
    howToRead:
      "Some of the messages we scored, with their spam score and number of recipients. Recipient addresses are partly hidden to protect the people who received them.",
  },
  complaint_rate: {
    title: "Complaint rate",
    howToRead:
      "The share of delivered messages that recipients reported as spam, over time, against the limit. Going over the limit is a strong sign that recipients did not ask for the mail.",
  },
  list_quality: {
    title: "Recipient-list quality",
    howToRead:
      "How many recipient addresses did not exist (unknown users) and how many were spam traps, addresses that never sign up for anything. Both point to a list that was not collected with consent.",
  },
  list_bombing: {
    title: "List-bombing bursts",
    howToRead:
      "Bursts of many messages to one recipient in a short time. This usually means a signup or contact form is being used to flood someone's inbox.",
  },
  evasion: {
    title: "Filter-evasion signals",
    howToRead:
      "Techniques that hide content from spam filters, such as hidden text, image-only messages or look-alike characters. Legitimate mail does not need them.",
  },
  send_rate: {
    title: "Sending rate",
    howToRead:
      "Messages sent per minute by this sender, against the limit of its plan. Sustained sending over the limit leads to a block.",
  },
};

/** The title and "how to read this" sentence of an evidence block on the report. */
export function describeEvidenceKind(kind: EvidenceKind): EvidenceKindDescription {
  return descriptions[kind];
}

const linkReasons: Record<LinkReason, string> = {
  shortener: "URL shortener",
  lookalike: "look-alike domain",
  blocklisted: "blocklisted domain",
  mismatched_text: "link text does not match its target",
  javascript: "script link",
  ip_literal: "bare IP address",
  redirect_chain: "redirect chain",
  other: "other",
};

/** `shortener` → `URL shortener`: why a link is listed. */
export function describeLinkReason(reason: LinkReason): string {
  return linkReasons[reason];
}

const evasionSignals: Record<EvasionSignal, string> = {
  hidden_text: "hidden text",
  image_only: "image-only messages",
  homoglyphs: "look-alike characters",
  random_suffixes: "random suffixes",
  rotating_from: "rotating sender addresses",
  url_obfuscation: "disguised links",
  other: "other techniques",
};

/** `homoglyphs` → `look-alike characters`. */
export function describeEvasionSignal(signal: EvasionSignal): string {
  return evasionSignals[signal];
}

/**
 * An evidence string quoted inside a sentence: shortened, URLs defanged, bidi controls
 * made visible, because the spammer wrote it.
 */
export function quoteEvidence(text: string, max = 80): string {
  const { shown, hidden } = firstCharacters(text, max);
  return toDisplayText(hidden > 0 ? `${shown}…` : text);
}

/** `missing in 3 of 3 samples`. */
export function describeHeaderShare({ problem, seenIn, ofSamples }: HeaderFinding): string {
  return `${problem} in ${formatCount(seenIn)} of ${formatQuantity(ofSamples, "sample")}`;
}

/** `From mismatch in 3 of 3 samples`. */
export function describeHeaderFinding(finding: HeaderFinding): string {
  return `${quoteEvidence(finding.header)} ${describeHeaderShare(finding)}`;
}

const sameUtcDay = (a: Date, b: Date) => formatUtcDate(a) === formatUtcDate(b);

function formatSpan(from: string, to: string): string {
  const start = new Date(from);
  const end = new Date(to);
  if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime())) return `${from} – ${to}`;
  if (start.getTime() === end.getTime()) return formatUtcDateTime(from);
  if (sameUtcDay(start, end)) {
    return `${formatUtcDate(start)} ${formatUtcTime(start)}–${formatUtcTime(end)} UTC`;
  }
  return `${formatUtcDate(start)} ${formatUtcTime(start)} – ${formatUtcDate(end)} ${formatUtcTime(end)} UTC`;
}

/**
 * The window an item was observed in, in absolute UTC:
 * `27 Nov 2026 14:00–16:00 UTC, 2,000 messages`, or with both dates when it spans days.
 */
export function formatWindow(window: EvidenceWindow): string {
  const span = formatSpan(window.from, window.to);
  return window.messages === undefined ? span : `${span}, ${formatQuantity(window.messages, "message")}`;
}
