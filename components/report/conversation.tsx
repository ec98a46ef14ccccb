import { ANCHORS } from "@/components/sender-actions/anchors";
import { unansweredReply } from "@/lib/reports/compliance-reply";
import type { ReportConversationItem, ReportView } from "@/lib/reports/report-view";
import { endedBefore } from "./appeal-status";
import { EvidenceText } from "./evidence-text";
import { When } from "./when";

const LABELS: Record<ReportConversationItem["kind"], string> = {
  review_request: "You requested a review",
  question: "The reviewer asked",
  answer: "You answered",
  approved: "Review approved: the block is lifted",
  declined: "Review declined: the block stays",
  message: "You wrote to compliance",
  reply: "Compliance replied",
  closed: "Compliance closed the case",
};

// What the account's owner did from the portal, told apart from what the sender did.
const BY_OWNER: Partial<Record<ReportConversationItem["kind"], string>> = {
  answer: "The account owner answered",
  message: "The account owner wrote to compliance",
};

// A decision on a request whose block had ended before it (lifted by the relay, expired) neither lifted nor kept it.
const ENDED_FIRST: Partial<Record<ReportConversationItem["kind"], string>> = {
  approved: "Review approved: the block had already ended",
  declined: "Review declined: the block had already ended",
};

const labelOf = (item: ReportConversationItem, report: ReportView) =>
  (item.author === "OWNER" ? BY_OWNER[item.kind] : undefined) ??
  (endedBefore(report, item.at) ? ENDED_FIRST[item.kind] : undefined) ??
  // Declined while in force, ended since: the block no longer stays.
  (item.kind === "declined" && (report.status === "LIFTED" || report.status === "EXPIRED")
    ? "Review declined"
    : undefined) ??
  LABELS[item.kind];

/*
 * Everything said between the sender and compliance about this block, oldest first, under
 * the one reference the sender quotes: review requests, questions and answers, decisions,
 * messages to compliance and replies. Open when compliance spoke last (news for the reader).
 * Compliance's unanswered reply is the target of the top panel's "Read the reply": a link to
 * an element inside a folded `<details>` opens it, with or without JavaScript.
 * Every text is shown as text (React escapes it), wrapped, never linked.
 */
export function Conversation({ report, now }: { report: ReportView; now: Date }) {
  const items = report.conversation;
  if (items.length === 0 || !report.conversationReference) return null;
  const last = items.at(-1)!;
  const reply = unansweredReply(report);
  return (
    <details
      id="conversation"
      open={last.author === "STAFF" || undefined}
      className="rounded-md border border-line p-3 text-sm"
    >
      <summary className="cursor-pointer font-medium text-accent">
        Your conversation with compliance ({items.length} {items.length === 1 ? "entry" : "entries"}) · reference{" "}
        <span className="font-mono">{report.conversationReference}</span>
      </summary>
      <p className="mt-2 text-muted">Quote this reference for anything about this block, by mail or on the phone.</p>
      <ol className="mt-3 space-y-3">
        {items.map((item, index) => (
          <li
            key={index}
            {...(item === reply ? { id: ANCHORS.complianceReply, tabIndex: -1 } : {})}
            className={`${item.author === "STAFF" ? "border-l-4 border-info pl-3" : "border-l-4 border-line pl-3"} scroll-mt-4`}
          >
            <p className="font-semibold">
              {labelOf(item, report)}{" "}
              <span className="font-normal text-muted">
                · <When iso={item.at} now={now} />
              </span>
            </p>
            {item.body ? (
              <p className="[overflow-wrap:anywhere] whitespace-pre-line">
                {/* Invisible and direction-changing characters shown as markers, links defanged, as everywhere else. */}
                <EvidenceText value={item.body} />
              </p>
            ) : null}
            {item.kind === "message" && !item.body ? (
              <p className="text-muted">The report, with its evidence, without a note.</p>
            ) : null}
          </li>
        ))}
      </ol>
    </details>
  );
}
