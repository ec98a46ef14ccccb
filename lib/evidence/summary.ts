import type { BlockReason } from "./block-reason";
import {
  describeEvasionSignal,
  describeHeaderFinding,
  describeHeaderShare,
  describeLinkReason,
  quoteEvidence,
} from "./describe";
import { collectFindings, type Findings } from "./findings";
import { formatList, formatNumber, formatPercent, formatPerMinute, formatQuantity } from "./format";
import type { EvidenceItem, LinkReason } from "./schema";

type Clause = (f: Findings) => string | undefined;

const reasonLabels: Record<BlockReason, string> = {
  SPAM: "Spam content",
  ABUSE: "Abuse signals",
  RATE: "Sending rate",
};

const fallbacks: Record<BlockReason, string> = {
  SPAM: "our filters classified recent messages from this sender as spam.",
  ABUSE: "we detected signs of abuse in recent mail from this sender.",
  RATE: "this sender went over the sending limit of its plan.",
};

const abuseClauses: Clause[] = [
  ({ complaints: c }) =>
    c &&
    `complaints from recipients rose to ${formatPercent(c.peakPercent)} of delivered (limit ${formatPercent(c.thresholdPercent)}).`,
  ({ spamTraps: t }) =>
    t && `the recipient list hit ${formatQuantity(t.hits, "spam trap")}, addresses that never sign up for mail.`,
  ({ unknownUsers: u }) =>
    u && `${formatPercent(u.ratePercent)} of recipients were unknown users (limit ${formatPercent(u.limitPercent)}).`,
  ({ listBombing: b }) =>
    b &&
    `we detected ${formatQuantity(b.bursts, "burst")} of up to ${formatQuantity(b.maxMessages, "message")} to a single recipient, a sign of an abused signup form.`,
];

const DANGEROUS_FIRST: LinkReason[] = [
  "lookalike",
  "javascript",
  "blocklisted",
  "shortener",
  "mismatched_text",
  "redirect_chain",
  "ip_literal",
  "other",
];

const spamClauses: Clause[] = [
  ({ topRules: [top], ruleCount }) =>
    top &&
    `messages matched ${formatQuantity(ruleCount, "spam rule")}; the strongest: ${top.description.trim() ? `${quoteEvidence(top.description, 120).replace(/[.\s]+$/, "")} (rule ${quoteEvidence(top.rule, 60)}, score ${formatNumber(top.score)})` : `rule ${quoteEvidence(top.rule, 60)} (score ${formatNumber(top.score)})`}.`,
  ({ linksByReason }) => {
    const reasons = DANGEROUS_FIRST.filter((r) => linksByReason[r]);
    const total = reasons.reduce((sum, r) => sum + (linksByReason[r] ?? 0), 0);
    return total > 0
      ? `messages contained ${formatQuantity(total, "suspicious link")} (${formatList(reasons.slice(0, 3).map(describeLinkReason))}).`
      : undefined;
  },
  ({ evasion }) =>
    evasion.length > 0
      ? `messages used techniques that hide content from spam filters (${formatList(evasion.map(describeEvasionSignal))}).`
      : undefined,
  ({ alignment: [worst] }) => worst && `sender headers were forged or did not match (${describeHeaderFinding(worst)}).`,
  ({ listUnsubscribe: l }) => l && `messages had no working List-Unsubscribe header (${describeHeaderShare(l)}).`,
  ({ malformedHeaders: [worst] }) => worst && `message headers were malformed (${describeHeaderFinding(worst)}).`,
  ({ maxSampleScore }) =>
    maxSampleScore !== undefined ? `sampled messages scored up to ${formatNumber(maxSampleScore)} as spam.` : undefined,
];

const rateClauses: Clause[] = [
  ({ sendRate: r }) =>
    r && `peaked at ${formatPerMinute(r.peakPerMinute)} (plan limit ${formatPerMinute(r.limitPerMinute)}).`,
];

const clausesByReason: Record<BlockReason, Clause[]> = {
  SPAM: spamClauses,
  ABUSE: abuseClauses,
  RATE: rateClauses,
};

/**
 * The one-sentence reason at the top of the report, e.g. "Abuse signals: complaints from
 * recipients rose to 0.62 % of delivered (limit 0.30 %)." It quotes the most telling
 * finding on the block's own axis, or says so plainly when the evidence shows none.
 */
export function summariseReason(reason: BlockReason, evidence: EvidenceItem[]): string {
  const findings = collectFindings(evidence);
  const clause = clausesByReason[reason].reduce<string | undefined>((found, c) => found ?? c(findings), undefined);
  return `${reasonLabels[reason]}: ${clause ?? fallbacks[reason]}`;
}
