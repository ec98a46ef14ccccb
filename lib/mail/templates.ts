import { defangText, showInvisibles } from "@/lib/evidence/defang";
import { formatUtcDateTime } from "@/lib/evidence/format";
import type { MailBlock } from "./html";
import type { MailContent } from "./mail-job";

export interface TemplateContext {
  relayName: string;
  publicBaseUrl: string;
}

export interface RenderedContent {
  subject: string;
  blocks: MailBlock[];
}

const REASON_WORDS = { SPAM: "spam content", ABUSE: "abuse signals", RATE: "sustained rate breaches" } as const;

/*
 * Subjects hold only references and ids we generated, never sender-written text, so a
 * subject cannot be used to impersonate us. Sender-written text (and the contact address
 * they typed) reaches compliance only as a quote with its links defanged, and is never
 * mailed to the contact address (which anyone holding the report link may choose). Bidi
 * controls and other invisible characters are shown as markers (`⟨U+202E⟩`) in the Subject
 * and every block, so in both the plain-text and the HTML part (renderTemplate).
 */
const sender = (text: string) => defangText(text);

type Renderers = {
  [T in MailContent["template"]]: (
    data: Extract<MailContent, { template: T }>["data"],
    ctx: TemplateContext,
  ) => RenderedContent;
};

const renderers: Renderers = {
  "appeal-received": (d, ctx) => ({
    subject: `Review request ${d.reference} received (report ${d.publicId})`,
    blocks: [
      {
        kind: "p",
        text: `We received your request to review block report ${d.publicId} (blocked for ${REASON_WORDS[d.reason]}).`,
      },
      {
        kind: "p",
        text: `Your reference is ${d.reference}. A member of the ${ctx.relayName} compliance team will look at it and reply with a written decision.`,
      },
      ...(d.timeline ? [{ kind: "p", text: d.timeline.usual } as const] : []),
      ...(d.timeline?.endsFirst ? [{ kind: "p", text: d.timeline.endsFirst } as const] : []),
      {
        kind: "p",
        text: "You can follow the request on the report page: open the link from the bounce message you received. The block stays in place while it is reviewed.",
      },
      { kind: "p", text: "If you did not ask for this review, you can ignore this message." },
    ],
  }),
  "appeal-notice": (d, ctx) => ({
    subject: `[appeal] ${d.reference} for report ${d.publicId} (${d.reason})`,
    blocks: [
      {
        kind: "p",
        text: `A sender requested a review of block report ${d.publicId} (${REASON_WORDS[d.reason]}). Reference ${d.reference}.`,
      },
      { kind: "p", text: `Contact (as entered, unverified): ${sender(d.contactEmail)}` },
      { kind: "heading", text: "What happened and what was fixed" },
      { kind: "quote", text: sender(d.explanation) },
      ...d.answers.flatMap((a): MailBlock[] => [
        { kind: "heading", text: a.question },
        { kind: "quote", text: sender(a.answer) },
      ]),
      { kind: "p", text: "The sender confirmed that the traffic that caused the block has stopped." },
      { kind: "p", text: `Review it in the staff console: ${new URL("/staff", ctx.publicBaseUrl).toString()}` },
    ],
  }),
  "appeal-reply-notice": (d, ctx) => ({
    subject: `[appeal] ${d.reference}: the sender answered (report ${d.publicId})`,
    blocks: [
      {
        kind: "p",
        text: `The sender answered the question on review request ${d.reference} (report ${d.publicId}). The request is back in the queue.`,
      },
      ...(d.infoRequest
        ? [{ kind: "heading", text: "Your question" } as const, { kind: "quote", text: d.infoRequest } as const]
        : []),
      { kind: "heading", text: "Their answer" },
      { kind: "quote", text: sender(d.reply) },
      { kind: "p", text: `Staff console: ${new URL("/staff", ctx.publicBaseUrl).toString()}` },
    ],
  }),
  "appeal-decided": (d, ctx) =>
    d.reversed && d.outcome !== "NEEDS_INFO"
      ? reversedDecision({ ...d, outcome: d.outcome }, ctx)
      : {
          subject: {
            APPROVED: d.blockEnded
              ? `Review request ${d.reference} approved (report ${d.publicId})`
              : `Review request ${d.reference} approved: the block is lifted (report ${d.publicId})`,
            DENIED: `Review request ${d.reference} declined (report ${d.publicId})`,
            NEEDS_INFO: `Review request ${d.reference}: the reviewer has a question (report ${d.publicId})`,
          }[d.outcome],
          blocks: [
            {
              kind: "p",
              // A question is asked whatever became of the block; only a decision says what it found.
              text:
                d.blockEnded && d.outcome !== "NEEDS_INFO"
                  ? `The ${ctx.relayName} compliance team ${d.outcome === "DENIED" ? "declined" : "approved"} your review request ${d.reference}. ${alreadyEnded(d.publicId, d.blockEnded)}${d.outcome === "DENIED" ? " Declining the request does not put it back in force." : ""}`
                  : {
                      APPROVED: `The ${ctx.relayName} compliance team approved your review request ${d.reference} and lifted block report ${d.publicId}. Mail from this sender is accepted again.`,
                      DENIED: `The ${ctx.relayName} compliance team declined your review request ${d.reference}. Block report ${d.publicId} stays in place.`,
                      NEEDS_INFO: `The ${ctx.relayName} compliance team needs more information before deciding on your review request ${d.reference} (report ${d.publicId}).`,
                    }[d.outcome],
            },
            { kind: "heading", text: d.outcome === "NEEDS_INFO" ? "The reviewer's question" : "The reviewer's reason" },
            { kind: "quote", text: d.text },
            {
              kind: "p",
              text:
                d.outcome === "NEEDS_INFO"
                  ? "Answer on the report page: open the link from the bounce message you received."
                  : "The report page shows the decision too: open the link from the bounce message you received.",
            },
          ],
        },
  "case-received": (d, ctx) => ({
    subject: `Report ${d.reference} sent to compliance (report ${d.publicId})`,
    blocks: [
      {
        kind: "p",
        text: `We sent block report ${d.publicId} to the ${ctx.relayName} compliance team, with the evidence as it stood.`,
      },
      // One reference to quote, the one the report page shows; the evidence digest is in the staff's mail (case-notice).
      {
        kind: "p",
        text: `Your reference: ${d.reference}. Quote it for anything about this block. They reply on the report page: open the link from the bounce message you received.`,
      },
      { kind: "p", text: "If you did not send this report, you can ignore this message." },
    ],
  }),
  "case-notice": (d, ctx) => ({
    subject: d.newCase
      ? `[case] ${d.reference} opened for report ${d.publicId}`
      : `[case] ${d.reference}: new message (report ${d.publicId})`,
    blocks: [
      {
        kind: "p",
        text: d.newCase
          ? `A sender reported block report ${d.publicId} to compliance. Case ${d.reference} holds the frozen evidence bundle.`
          : `The sender added a message to case ${d.reference} (report ${d.publicId}).`,
      },
      { kind: "p", text: `Evidence bundle SHA-256: ${d.bundleDigest}` },
      {
        kind: "p",
        text: `Contact (as entered, unverified): ${d.contactEmail ? sender(d.contactEmail) : "none given"}`,
      },
      ...(d.note
        ? [{ kind: "heading", text: "Their note" } as const, { kind: "quote", text: sender(d.note) } as const]
        : []),
      { kind: "p", text: `Staff console: ${new URL("/staff", ctx.publicBaseUrl).toString()}` },
    ],
  }),
  "case-reply": (d, ctx) => ({
    subject: d.closed
      ? `Your conversation ${d.reference} with compliance is closed (report ${d.publicId})`
      : `Reply from compliance on ${d.reference} (report ${d.publicId})`,
    blocks: [
      {
        kind: "p",
        text: d.closed
          ? `The ${ctx.relayName} compliance team closed your case about block report ${d.publicId} with this message:`
          : `The ${ctx.relayName} compliance team replied to your message about block report ${d.publicId}:`,
      },
      { kind: "quote", text: d.text },
      {
        kind: "p",
        text: `Your reference: ${d.reference}. The whole conversation is on the report page: open the link from the bounce message you received.`,
      },
      { kind: "p", text: "If you did not write to us about this report, you can ignore this message." },
    ],
  }),
  "password-reset": (d, ctx) => ({
    subject: `Reset your ${ctx.relayName} Block Reports password`,
    blocks: [
      { kind: "p", text: "Someone, probably you, asked to reset the password of the login that uses this address." },
      {
        kind: "p",
        text: `Choose a new password here: ${new URL(`/reset-password?${new URLSearchParams({ token: d.token })}`, ctx.publicBaseUrl).toString()}`,
      },
      {
        kind: "p",
        text: `The link works once, for ${d.minutes} minutes. If you did not ask for it, ignore this message: your password stays as it is.`,
      },
    ],
  }),
  invitation: (d, ctx) => ({
    subject: `You are invited to ${ctx.relayName} Block Reports`,
    blocks: [
      {
        kind: "p",
        text:
          d.role === "OWNER"
            ? `An administrator of ${ctx.relayName} invited this address to the account portal of ${sender(d.accountName ?? "your account")}, where you see your account's blocked senders and their reports.`
            : `An administrator of ${ctx.relayName} invited this address to the compliance console${d.role === "ADMIN" ? " as an admin" : ""}, where blocked senders' review requests are decided.`,
      },
      {
        kind: "p",
        text: `Choose your password here: ${new URL(`/invitation?${new URLSearchParams({ token: d.token })}`, ctx.publicBaseUrl).toString()}`,
      },
      {
        kind: "p",
        text: `The link works once, for ${d.days} days. If you did not expect this invitation, ignore this message.`,
      },
    ],
  }),
  "notification-confirmation": (d, ctx) => ({
    subject: `Confirm block notifications from ${ctx.relayName}`,
    blocks: [
      {
        kind: "p",
        text: `The owner of the account ${sender(d.accountName)} at ${ctx.relayName} added this address to the account's block notifications: mail when one of its senders is blocked, a review is decided or a block ends.`,
      },
      {
        kind: "p",
        text: `Nothing more is sent here until you confirm. To get the notifications, open this link and press Confirm: ${new URL(`/notifications/confirm?${new URLSearchParams({ token: d.token })}`, ctx.publicBaseUrl).toString()}`,
      },
      {
        kind: "p",
        text: `The link works once, for ${d.days} days. If you do not want these notifications, ignore this message, or stop every mail about this account to this address here: ${new URL(`/unsubscribe/${d.unsubscribeToken}`, ctx.publicBaseUrl).toString()}`,
      },
    ],
  }),
  "owner-notice": (d, ctx) => {
    // The SMTP user's name is a login's, not ours: its links defanged like a sender's text.
    const smtpUser = sender(d.smtpUser);
    const what = {
      created: `SMTP user ${smtpUser} was blocked for ${REASON_WORDS[d.reason]}`,
      escalated: `The block of SMTP user ${smtpUser} was escalated: it kept sending while blocked`,
      decided: `A review request for SMTP user ${smtpUser} was ${d.outcome === "APPROVED" ? "approved: the block is lifted" : "declined: the block stays"}`,
      ended: `The block of SMTP user ${smtpUser} ${d.endedAs === "EXPIRED" ? "expired" : "was lifted"}: its mail is accepted again`,
    }[d.event];
    return {
      subject: `${what} (report ${d.publicId})`,
      blocks: [
        { kind: "p", text: `${what}.` },
        {
          kind: "p",
          text: `The report, with what to do: ${new URL(`/account/blocks/${d.publicId}`, ctx.publicBaseUrl).toString()}`,
        },
        {
          kind: "p",
          text: `You get this because the account owner added this address to the ${ctx.relayName} block notifications. Unsubscribe: ${new URL(`/unsubscribe/${d.unsubscribeToken}`, ctx.publicBaseUrl).toString()}`,
        },
      ],
    };
  },
};

/** The one-click unsubscribe address (RFC 8058) of a notification recipient: a POST there unsubscribes. */
export const unsubscribeUrl = (token: string, ctx: TemplateContext) =>
  new URL(`/api/unsubscribe/${token}`, ctx.publicBaseUrl).toString();
/** An admin reversed the decision on the request: the block is lifted after all, or back in force. */
type BlockEnded = { status: "LIFTED" | "EXPIRED"; at: string | null };

/** A block that ended before the decision: what happened to it, and when, rather than what the decision did. */
function alreadyEnded(publicId: string, ended: BlockEnded): string {
  const when = ended.at ? ` on ${formatUtcDateTime(ended.at)}` : "";
  return `Block report ${publicId} had already ${ended.status === "LIFTED" ? "been lifted" : "expired"}${when}, before this decision.`;
}

function reversedDecision(
  d: { reference: string; publicId: string; outcome: "APPROVED" | "DENIED"; text: string; blockEnded?: BlockEnded },
  ctx: TemplateContext,
): RenderedContent {
  const approved = d.outcome === "APPROVED";
  // Reversing a decline on a block that ended meanwhile lifts nothing; reversing an approval puts
  // the block back only if that approval had lifted it (one the relay lifted before, or that
  // expired, stays ended).
  const ended = d.blockEnded;
  return {
    subject: ended
      ? `Decision on review request ${d.reference} reversed: ${approved ? "approved" : "declined"} (report ${d.publicId})`
      : approved
        ? `Decision on review request ${d.reference} reversed: the block is lifted (report ${d.publicId})`
        : `Decision on review request ${d.reference} reversed: the block is back in force (report ${d.publicId})`,
    blocks: [
      {
        kind: "p",
        text: ended
          ? `The ${ctx.relayName} compliance team looked at the decision on your review request ${d.reference} again and reversed it: the request is ${approved ? "approved" : "declined"}. ${alreadyEnded(d.publicId, ended)}${approved ? "" : " Declining the request does not put it back in force."}`
          : approved
            ? `The ${ctx.relayName} compliance team looked at the decision on your review request ${d.reference} again and reversed it: block report ${d.publicId} is lifted. Mail from this sender is accepted again.`
            : `The ${ctx.relayName} compliance team looked at the approval of your review request ${d.reference} again and reversed it: block report ${d.publicId} is back in force. Mail from this sender is refused again.`,
      },
      { kind: "heading", text: "The reason" },
      { kind: "quote", text: d.text },
      {
        kind: "p",
        text: "The report page shows the decision too: open the link from the bounce message you received.",
      },
    ],
  };
}

export function renderTemplate(content: MailContent, ctx: TemplateContext): RenderedContent {
  const render = renderers[content.template] as (data: MailContent["data"], ctx: TemplateContext) => RenderedContent;
  const { subject, blocks } = render(content.data, ctx);
  return {
    subject: showInvisibles(subject.replace(/[\r\n\t]+/g, " ")),
    blocks: blocks.map((block) => ({ ...block, text: showInvisibles(block.text) })),
  };
}
