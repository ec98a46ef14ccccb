import type { BlockReason } from "@/lib/generated/prisma/enums";

/**
 * The report URL is always built from the configured public base URL, never from a
 * request's Host header, so a forged Host cannot make us hand out links to another site.
 */
export function buildReportUrl(publicBaseUrl: string, publicId: string, secret: string): string {
  const url = new URL("/", publicBaseUrl);
  url.searchParams.set("id", publicId);
  url.searchParams.set("auth", secret);
  return url.toString();
}

const REPLY_TEXT: Record<BlockReason, string> = {
  SPAM: "[SPAM] Sender blocked: spam content detected.",
  ABUSE: "[ABUSE] Sender blocked: spam or abuse detected.",
  RATE: "[RATE] Sender blocked: sustained rate limit breaches.",
};

/** The first line of the SMTP reply the relay sends to a blocked sender (RFC 3463 5.7.1). */
export function smtpReplyFor(reason: BlockReason): string {
  return `550 5.7.1 ${REPLY_TEXT[reason]}`;
}

/** The full multi-line reply: the status line, then where to read the report. */
export function smtpReplyWithLink(reason: BlockReason, reportUrl: string): string {
  return `${smtpReplyFor(reason)}\nSee: ${reportUrl}`;
}

/** The reply a relay sends, in the forms an MTA may need. */
export interface SmtpReplyParts {
  /** The status line: `550 5.7.1 [ABUSE] Sender blocked: …`. */
  line: string;
  /** `See: <link>`, or null when the link cannot be given. */
  see: string | null;
  /** Both on one line, for MTAs that cannot send multi-line replies (a Postfix policy `action=`). */
  singleLine: string;
}

export function smtpReplyParts(reason: BlockReason, reportUrl: string | null): SmtpReplyParts {
  const line = smtpReplyFor(reason);
  const see = reportUrl === null ? null : `See: ${reportUrl}`;
  return { line, see, singleLine: see === null ? line : `${line} ${see}` };
}
