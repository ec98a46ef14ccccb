import type { EvasionSignal, EvidenceItem, EvidenceKind, EvidenceOf, LinkReason } from "./schema";

/*
 * The measured facts that advice and the one-line reason are built from. Only breaches
 * count: a complaint series under its threshold is evidence, but not a finding. When a
 * block carries several items of one kind, the worst one speaks for the kind.
 */

export interface HeaderFinding {
  header: string;
  problem: string;
  seenIn: number;
  ofSamples: number;
}

export interface Findings {
  complaints?: { peakPercent: number; thresholdPercent: number; complaints: number; delivered: number; at: string };
  unknownUsers?: { ratePercent: number; limitPercent: number; recipients: number };
  spamTraps?: { hits: number };
  listBombing?: { bursts: number; maxMessages: number };
  sendRate?: { peakPerMinute: number; limitPerMinute: number; planName?: string };
  topRules: { rule: string; score: number; description: string; matched?: string; foundIn?: string }[];
  /** Links whose domain is on a blocklist, each with where it was found. */
  blocklistedLinks: { url: string; listedOn?: string; foundIn?: string }[];
  /** Distinct rules with a positive score; negative-scoring rules count in the sender's favour. */
  ruleCount: number;
  linksByReason: Partial<Record<LinkReason, number>>;
  listUnsubscribe?: HeaderFinding;
  alignment: HeaderFinding[];
  malformedHeaders: HeaderFinding[];
  evasion: EvasionSignal[];
  maxSampleScore?: number;
}

const TOP_RULES = 3;

const itemsOf = <K extends EvidenceKind>(evidence: EvidenceItem[], kind: K) =>
  evidence.filter((item): item is EvidenceOf<K> => item.kind === kind);

function maxBy<T>(values: T[], score: (value: T) => number): T | undefined {
  return values.reduce<T | undefined>(
    (best, v) => (best === undefined || score(v) > score(best) ? v : best),
    undefined,
  );
}

/* Ratio to the limit, so items with different limits compare fairly. */
const overBy = (value: number, limit: number) => (limit > 0 ? value / limit : value > 0 ? Infinity : 0);

function complaintFinding(evidence: EvidenceItem[]): Findings["complaints"] {
  const peaks = itemsOf(evidence, "complaint_rate").flatMap((item) => {
    const peak = maxBy(item.points, (p) => p.ratePercent);
    return peak && peak.ratePercent > item.thresholdPercent ? [{ peak, thresholdPercent: item.thresholdPercent }] : [];
  });
  const worst = maxBy(peaks, (p) => overBy(p.peak.ratePercent, p.thresholdPercent));
  if (!worst) return undefined;
  const { ratePercent, complaints, delivered, at } = worst.peak;
  return { peakPercent: ratePercent, thresholdPercent: worst.thresholdPercent, complaints, delivered, at };
}

function sendRateFinding(evidence: EvidenceItem[]): Findings["sendRate"] {
  const peaks = itemsOf(evidence, "send_rate").flatMap((item) => {
    const peak = maxBy(item.points, (p) => p.perMinute);
    return peak && peak.perMinute > item.limitPerMinute ? [{ peakPerMinute: peak.perMinute, item }] : [];
  });
  const worst = maxBy(peaks, (p) => overBy(p.peakPerMinute, p.item.limitPerMinute));
  if (!worst) return undefined;
  const { limitPerMinute, planName } = worst.item;
  return { peakPerMinute: worst.peakPerMinute, limitPerMinute, ...(planName !== undefined && { planName }) };
}

function listQualityFindings(evidence: EvidenceItem[]): Pick<Findings, "unknownUsers" | "spamTraps"> {
  const items = itemsOf(evidence, "list_quality");
  const over = items.filter((q) => q.unknownUserRatePercent > q.unknownUserLimitPercent);
  const worst = maxBy(over, (q) => overBy(q.unknownUserRatePercent, q.unknownUserLimitPercent));
  const hits = Math.max(0, ...items.map((q) => q.spamTrapHits));
  return {
    ...(worst && {
      unknownUsers: {
        ratePercent: worst.unknownUserRatePercent,
        limitPercent: worst.unknownUserLimitPercent,
        recipients: worst.recipients,
      },
    }),
    ...(hits > 0 && { spamTraps: { hits } }),
  };
}

function listBombingFinding(evidence: EvidenceItem[]): Findings["listBombing"] {
  const bursts = itemsOf(evidence, "list_bombing").flatMap((item) => item.bursts);
  if (bursts.length === 0) return undefined;
  return { bursts: bursts.length, maxMessages: Math.max(...bursts.map((b) => b.messages)) };
}

function ruleFindings(evidence: EvidenceItem[]): Pick<Findings, "topRules" | "ruleCount"> {
  const hits = itemsOf(evidence, "spam_rules").flatMap((item) => item.hits);
  const positive = hits.filter((h) => h.score > 0).sort((a, b) => b.score - a.score);
  return { topRules: positive.slice(0, TOP_RULES), ruleCount: new Set(positive.map((h) => h.rule)).size };
}

function linkFindings(evidence: EvidenceItem[]): Findings["linksByReason"] {
  const counts: Findings["linksByReason"] = {};
  for (const link of itemsOf(evidence, "suspicious_links").flatMap((item) => item.links)) {
    counts[link.reason] = (counts[link.reason] ?? 0) + 1;
  }
  return counts;
}

const isListUnsubscribe = (header: string) => header.trim().toLowerCase() === "list-unsubscribe";
const worstFirst = (a: HeaderFinding, b: HeaderFinding) => b.seenIn / b.ofSamples - a.seenIn / a.ofSamples;

function headerFindings(
  evidence: EvidenceItem[],
): Pick<Findings, "listUnsubscribe" | "alignment" | "malformedHeaders"> {
  const problems = itemsOf(evidence, "header_problems")
    .flatMap((item) => item.problems)
    .map(({ header, problem, seenIn, ofSamples }) => ({ header, problem, seenIn, ofSamples }))
    .sort(worstFirst);
  const isAlignment = (p: HeaderFinding) => p.problem === "forged" || p.problem === "mismatch";
  const listUnsubscribe = problems.find((p) => isListUnsubscribe(p.header) && !isAlignment(p));
  return {
    ...(listUnsubscribe && { listUnsubscribe }),
    alignment: problems.filter(isAlignment),
    malformedHeaders: problems.filter((p) => !isAlignment(p) && !isListUnsubscribe(p.header)),
  };
}

/** Extracts every breach the evidence shows; see {@link Findings}. */
export function collectFindings(evidence: EvidenceItem[]): Findings {
  const sampleScores = itemsOf(evidence, "message_samples").flatMap((item) => item.samples.map((s) => s.score));
  return {
    complaints: complaintFinding(evidence),
    sendRate: sendRateFinding(evidence),
    listBombing: listBombingFinding(evidence),
    ...listQualityFindings(evidence),
    ...ruleFindings(evidence),
    linksByReason: linkFindings(evidence),
    blocklistedLinks: itemsOf(evidence, "suspicious_links")
      .flatMap((item) => item.links)
      .filter((link) => link.reason === "blocklisted")
      .map(({ url, listedOn, foundIn }) => ({
        url,
        ...(listedOn !== undefined && { listedOn }),
        ...(foundIn !== undefined && { foundIn }),
      })),
    ...headerFindings(evidence),
    evasion: [...new Set(itemsOf(evidence, "evasion").flatMap((item) => item.signals.map((s) => s.signal)))],
    ...(sampleScores.length > 0 && { maxSampleScore: Math.max(...sampleScores) }),
  };
}
