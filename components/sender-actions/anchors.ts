import { reportPath } from "@/lib/reports/report-request";
import type { ReportLinkFields } from "./types";

/*
 * Where the report's links and the forms' answers land. A link to a field inside a
 * folded form (`<details>`) opens it and focuses the field, with or without JavaScript
 * (the HTML standard's ancestor-revealing and fragment-focus steps). A form posted without
 * JavaScript comes back at its answer's box (focusable), not at the top of the page.
 */
export const ANCHORS = {
  /** The review form's first field. */
  reviewForm: "review-contactEmail",
  reviewAlert: "review-alert",
  /** The message-to-compliance form's first field. */
  caseForm: "case-note",
  caseAlert: "case-alert",
  /** The reviewer's question, with the reply box right under it. */
  question: "reviewer-question",
  replyAlert: "reply-alert",
  /** Compliance's newest reply in the conversation (components/report/conversation.tsx). */
  complianceReply: "compliance-reply",
} as const;

/**
 * The one name of the message-to-compliance action, on the top panel's link and on the
 * form's own button: "Ask compliance" opens a case, "Message compliance" adds to the open one.
 */
export const complianceActionLabel = (openCase: boolean) => (openCase ? "Message compliance" : "Ask compliance");

/**
 * On the fields the jump links focus (reviewForm, caseForm). A browser scrolls a focused
 * fragment target to the very top edge, which would leave the form's button, its
 * introduction and the field's label above the screen; this margin keeps them in view. It
 * is what they take above the field on a 375 px phone (about 250 px) and from the small
 * breakpoint up (about 190 px), with a little room.
 */
export const JUMP_TARGET_MARGIN = "scroll-mt-64 sm:scroll-mt-50";

/**
 * The URL a form posts to without JavaScript (useActionState's permalink): the report
 * itself — the sender's link, or the owner portal's page of the report (named by its id
 * alone) — with the fragment of the form's answer. Each form has its own, which is also
 * how React tells the forms' returned states apart.
 */
export const formPermalink = (link: ReportLinkFields, fragment: string) =>
  `${link.publicId !== undefined ? `/account/blocks/${encodeURIComponent(link.publicId)}` : reportPath(link.id ?? "", link.auth ?? "")}#${fragment}`;
