import { firstCharacters } from "@/lib/evidence/format";
import type { ReportConversationItem, ReportView } from "@/lib/reports/report-view";

/** How much of a reply the report's top panel quotes. */
export const REPLY_EXCERPT_CHARACTERS = 80;

/**
 * Compliance's reply on the sender's case when it is the newest word in the conversation:
 * nothing the sender (or the account's owner) said came after it. The report announces it at
 * the top, as it does a reviewer's question; null once the sender has written again.
 */
export function unansweredReply(report: Pick<ReportView, "conversation">): ReportConversationItem | null {
  const last = report.conversation.at(-1);
  return last && last.kind === "reply" && last.author === "STAFF" && last.body ? last : null;
}

/**
 * The start of a reply for a short quote: on one line, cut at a word boundary where one is
 * near, with "…" when cut. Counted in code points, so an emoji is never cut in half. The
 * text is still the sender-facing original: the page shows it like all such text (EvidenceText).
 */
export function replyExcerpt(body: string, max = REPLY_EXCERPT_CHARACTERS): string {
  // Only the ordinary white space: JavaScript's \s also takes U+FEFF, U+2028 and others, which
  // the page shows as markers (showInvisibles, lib/evidence/defang.ts) and the excerpt must show too.
  const flat = body.replace(/[\t\n\r ]+/g, " ").replace(/^ | $/g, "");
  const { shown, hidden } = firstCharacters(flat, max);
  if (hidden === 0) return flat;
  const space = shown.lastIndexOf(" ");
  const cut = space >= max * 0.6 ? shown.slice(0, space) : shown;
  return `${cut.replace(/[ .,;:!?-]+$/, "")}…`;
}
