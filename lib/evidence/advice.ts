import { defangedHostOf, showInvisibles } from "./defang";
import { describeEvasionSignal, describeHeaderFinding, describeHeaderShare, quoteEvidence as quote } from "./describe";
import { collectFindings, type Findings } from "./findings";
import { formatCount, formatList, formatNumber, formatPercent, formatPerMinute, formatQuantity } from "./format";
import type { BlockReason } from "./block-reason";
import type { EvidenceItem, EvidenceKind, LinkReason } from "./schema";

export interface RemediationStep {
  title: string;
  detail: string;
  /** The evidence block that backs this step, when there is one. */
  evidenceKind?: EvidenceKind;
  /** Separate findings the step covers, one line each, never run together into one sentence. */
  items?: string[];
  /** What the step asks the reader to do on the report itself: the last step opens the review form. */
  action?: "request_review";
}

export interface Remediation {
  steps: RemediationStep[];
  prevention: string[];
}

type StepFromFindings = (f: Findings) => RemediationStep | undefined;

const linkCount = (f: Findings, reasons: LinkReason[]) =>
  reasons.reduce((sum, r) => sum + (f.linksByReason[r] ?? 0), 0);

const abuseSteps: StepFromFindings[] = [
  ({ complaints: c }) =>
    c && {
      title: `Send only to people who asked for this mail (complaints reached ${formatPercent(c.peakPercent)} of delivered, limit ${formatPercent(c.thresholdPercent)}).`,
      detail: `At the peak, recipients reported ${formatCount(c.complaints)} of ${formatCount(c.delivered)} delivered messages as spam. Check where these addresses came from, say clearly who the mail is from and why the recipient gets it, and make unsubscribing easy.`,
      evidenceKind: "complaint_rate",
    },
  ({ unknownUsers: u }) =>
    u && {
      title: `Remove the addresses that never opted in (${formatPercent(u.ratePercent)} unknown users, limit ${formatPercent(u.limitPercent)}).`,
      detail: `Of ${formatQuantity(u.recipients, "recipient")}, ${formatPercent(u.ratePercent)} did not exist. Unknown users usually come from old, bought or collected lists: remove every address that bounced and every address you cannot show consent for.`,
      evidenceKind: "list_quality",
    },
  ({ spamTraps: t }) =>
    t && {
      title: `Re-confirm your list before sending to it again (${formatQuantity(t.hits, "spam-trap hit")}).`,
      detail:
        "Spam traps are addresses that never sign up for anything, so part of the list was not collected with consent. Send a confirmation request and keep only the people who confirm.",
      evidenceKind: "list_quality",
    },
  ({ listBombing: b }) =>
    b && {
      title: "Add a CAPTCHA and double opt-in to your signup forms.",
      detail: `We detected ${formatQuantity(b.bursts, "burst")} of up to ${formatQuantity(b.maxMessages, "message")} to a single recipient, which happens when a form is used to flood someone's inbox. Send nothing but a confirmation until the address owner confirms, and rate-limit the form.`,
      evidenceKind: "list_bombing",
    },
];

/** "A link to evil[.]example, listed on URIBL, in the message “Your invoice”." */
function describeBlocklistedLink(link: Findings["blocklistedLinks"][number]): string {
  const host = defangedHostOf(link.url) ?? quote(link.url, 80);
  const where = link.foundIn ? `, in the message ${quoteSubject(link.foundIn)}` : "";
  return `A link to ${host}${link.listedOn ? `, a domain listed on ${quote(link.listedOn, 60)}` : ", a blocklisted domain"}${where}.`;
}

/** "Contains a URL listed in the URIBL blocklist (rule URIBL_BLACK, score 3.5): matched bad[.]example in “Subject”." */
function describeRuleHit(rule: Findings["topRules"][number]): string {
  const title = rule.description.trim() ? quote(rule.description, 200) : "A spam rule matched";
  const matched = rule.matched ? ` Matched ${defangedHostOf(rule.matched) ?? quote(rule.matched, 120)}` : "";
  const where = rule.foundIn ? `${matched ? "" : " Matched"} in the message ${quoteSubject(rule.foundIn)}` : "";
  return `${title.replace(/[.\s]+$/, "")} (rule ${quote(rule.rule, 60)}, score ${formatNumber(rule.score)}).${matched}${where}${matched || where ? "." : ""}`;
}

const quoteSubject = (subject: string) => `“${quote(subject, 120)}”`;

const contentSteps: StepFromFindings[] = [
  (f) => {
    const reasons = (["lookalike", "javascript", "blocklisted"] as const).filter((r) => f.linksByReason[r]);
    if (reasons.length === 0) return undefined;
    const names = { lookalike: "look-alike", javascript: "script", blocklisted: "blocklisted" };
    return {
      title: `Remove the ${formatList(reasons.map((r) => names[r]))} links (${formatQuantity(linkCount(f, reasons), "link")}).`,
      detail:
        "Links that imitate another domain, run scripts or point to blocklisted sites are treated as phishing. They are listed under Suspicious links below.",
      ...(f.blocklistedLinks.length > 0 && { items: f.blocklistedLinks.slice(0, 5).map(describeBlocklistedLink) }),
      evidenceKind: "suspicious_links",
    };
  },
  ({ evasion }) =>
    evasion.length > 0
      ? {
          title: `Stop hiding or obfuscating content (${formatList(evasion.map(describeEvasionSignal))}).`,
          detail:
            "Filters treat hidden text, image-only messages and disguised links as deliberate evasion. Send readable content, with a plain-text part that matches the HTML.",
          evidenceKind: "evasion",
        }
      : undefined,
  ({ alignment: [worst, ...rest] }) =>
    worst && {
      title: `Fix SPF, DKIM and From alignment (${describeHeaderFinding(worst)}${rest.length ? `, and ${formatQuantity(rest.length, "more problem")}` : ""}).`,
      detail:
        "Sign every message with DKIM for the domain in From, include this relay in that domain's SPF record, and do not rewrite From, Sender or Received headers after signing.",
      evidenceKind: "header_problems",
    },
  ({ listUnsubscribe: l }) =>
    l && {
      title: `Add a working one-click List-Unsubscribe header (${describeHeaderShare(l)}).`,
      detail:
        'Send a "List-Unsubscribe" header with an https link together with "List-Unsubscribe-Post: List-Unsubscribe=One-Click" (RFC 8058), and stop mailing anyone who uses it within two days.',
      evidenceKind: "header_problems",
    },
  (f) => {
    const count = linkCount(f, ["shortener", "redirect_chain", "ip_literal"]);
    return count > 0
      ? {
          title: `Use full links on your own domain instead of shorteners and redirects (${formatQuantity(count, "link")}).`,
          detail:
            "Shortened, redirected and bare-IP links hide where they lead, so filters distrust them. Link directly to pages on the domain you send from.",
          evidenceKind: "suspicious_links",
        }
      : undefined;
  },
  ({ linksByReason: { mismatched_text: count } }) =>
    count
      ? {
          title: `Make each link's text match where it goes (${formatQuantity(count, "link")}).`,
          detail:
            "A link whose visible text shows one address but leads to another is a phishing pattern, even when both are yours.",
          evidenceKind: "suspicious_links",
        }
      : undefined,
  ({ topRules }) =>
    topRules.length > 0
      ? {
          title: `Fix what the ${topRules.length === 1 ? "top spam rule" : `top ${topRules.length} spam rules`} found in your messages.`,
          detail:
            "Each rule below says in plain words what it found, then the rule's name and score; fixing the highest-scoring one helps most.",
          items: topRules.map(describeRuleHit),
          evidenceKind: "spam_rules",
        }
      : undefined,
  ({ malformedHeaders: problems }) =>
    problems.length > 0
      ? {
          title: `Fix the malformed headers (${problems.slice(0, 3).map(describeHeaderFinding).join("; ")}).`,
          detail:
            "Every message needs a valid Date, Message-ID and From, and no header should be repeated or oversized. Most mail libraries get this right when you let them build the message.",
          evidenceKind: "header_problems",
        }
      : undefined,
];

const rateSteps: StepFromFindings[] = [
  ({ sendRate: r }) =>
    r && {
      title: `Throttle sending to under ${formatPerMinute(r.limitPerMinute)}.`,
      detail:
        `Sending peaked at ${formatPerMinute(r.peakPerMinute)}; ` +
        `${r.planName ? `the ${quote(r.planName, 60)} plan` : "your plan"} allows ${formatPerMinute(r.limitPerMinute)}. ` +
        "Set a rate limit in your application or mail queue, and spread large campaigns over time.",
      evidenceKind: "send_rate",
    },
];

const stepGroupsByReason: Record<BlockReason, StepFromFindings[][]> = {
  ABUSE: [abuseSteps, contentSteps, rateSteps],
  SPAM: [contentSteps, abuseSteps, rateSteps],
  RATE: [rateSteps, abuseSteps, contentSteps],
};

/* When the evidence shows no breach on the block's own axis, its reason still deserves a step. */
const fallbackStep: Record<BlockReason, RemediationStep> = {
  SPAM: {
    title: "Review the content of your recent messages.",
    detail:
      "Our filters classified recent messages as spam. Compare them with the prevention advice below, especially links, headers and unsubscribe options.",
  },
  ABUSE: {
    title: "Check where your recipient addresses came from.",
    detail:
      "We detected signs of abuse in recent mail. Keep only recipients who asked for your mail and remove the rest.",
  },
  RATE: {
    title: "Throttle sending to under your plan's limit.",
    detail: "Sending went over the limit of your plan. Set a rate limit in your application or mail queue.",
  },
};

const prevention: Record<BlockReason, string[]> = {
  SPAM: [
    "Send only to people who asked for your mail, and keep a record of when and how they signed up.",
    "Authenticate every message with SPF and DKIM aligned with the From domain, and publish a DMARC policy.",
    "Link only to your own domain; avoid URL shorteners and redirects through other domains.",
    "Include a one-click List-Unsubscribe header and honour it within two days.",
    "Test new templates on a few of your own addresses before a large send.",
  ],
  ABUSE: [
    "Use double opt-in: send nothing but a confirmation until the address owner confirms.",
    "Protect signup and contact forms with a CAPTCHA and a rate limit.",
    "Remove addresses that bounce, and people who have not opened or clicked in six months.",
    "Watch the complaint rate after every campaign and pause when it rises.",
    "Never buy, rent or collect address lists.",
  ],
  RATE: [
    "Set a rate limit in your application or mail queue, below the limit of your plan.",
    "Spread large campaigns over hours rather than minutes.",
    "Make failed sends back off instead of retrying in a tight loop.",
    "Alert on unusual spikes from scripts, scheduled jobs or compromised logins.",
    "If you regularly need more, ask for a plan with a higher limit.",
  ],
};

/**
 * What the sender should do, derived from the evidence actually present: stop sending
 * first, then one step per finding (those on the block's own axis first), then request a
 * review.
 */
export function adviseRemediation(input: {
  reason: BlockReason;
  target: string;
  evidence: EvidenceItem[];
}): Remediation {
  const findings = collectFindings(input.evidence);
  const [own, ...others] = stepGroupsByReason[input.reason].map((group) =>
    group.flatMap((step) => step(findings) ?? []),
  );
  const ownSteps = own?.length ? own : [fallbackStep[input.reason]];
  const target = showInvisibles(input.target);
  return {
    steps: [
      {
        title: `Stop the campaign or process that sends through ${target}.`,
        detail: `We detected the activity described below from ${target}. Pause whatever sends through it until the changes below are in place: continuing to send extends this block and raises its level. Other senders on your account are not affected.`,
      },
      ...ownSteps,
      ...others.flat(),
      {
        title: "When fixed, request a review.",
        detail: "Say what you changed. A member of our compliance team reads every request and answers on this page.",
        action: "request_review",
      },
    ],
    prevention: [...prevention[input.reason]],
  };
}
