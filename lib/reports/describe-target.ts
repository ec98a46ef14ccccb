import { toDisplayText } from "@/lib/evidence/defang";
import type { ReportTarget } from "@/lib/reports/report-view";

export interface TargetDescription {
  /** What the headline names: "SMTP user newsletter-app" or "promo@shop.example". */
  name: string;
  /** Unambiguous on its own: "SMTP user newsletter-app" or "promo@shop.example (SMTP user marketing)". */
  short: string;
  /** What was and was not blocked, so the reader knows the block is narrow. */
  scope: string;
}

/**
 * What a block applies to, in words: one SMTP user, or one sender address under it.
 * `ended` switches the scope sentence to the past tense. The sender address is the envelope
 * sender a client chose and the SMTP user a login's name: both are shown like evidence (URLs
 * defanged, bidi controls and invisible characters as markers), here where every headline,
 * sentence and title that names them gets its words.
 */
export function describeTarget(target: ReportTarget, ended = false): TargetDescription {
  const smtpUser = toDisplayText(target.smtpUser);
  const senderAddress = target.senderAddress === null ? null : toDisplayText(target.senderAddress);
  if (senderAddress) {
    return {
      name: senderAddress,
      short: `${senderAddress} (SMTP user ${smtpUser})`,
      scope: ended
        ? `Only this sender address, under SMTP user ${smtpUser}, was blocked. Other addresses and the other SMTP users on the account kept sending.`
        : `Only this sender address, under SMTP user ${smtpUser}, is blocked. Other addresses and the other SMTP users on the account keep sending.`,
    };
  }
  return {
    name: `SMTP user ${smtpUser}`,
    short: `SMTP user ${smtpUser}`,
    scope: ended
      ? "Only this SMTP user was blocked. The other SMTP users on the account kept sending."
      : "Only this SMTP user is blocked. The other SMTP users on the account keep sending.",
  };
}
