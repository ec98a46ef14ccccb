import { breakAddresses } from "@/components/ui/address-text";
import { defangUrl, firstCharacters, formatCount, showInvisibles, toDisplayText } from "@/lib/evidence";

/*
 * The only way evidence strings — and, in the staff console, anything else a sender wrote —
 * reach the page. Such text is rendered as React text (escaped), URLs inside it are defanged
 * and bidi controls and other invisible characters made visible. Nothing here ever becomes
 * markup, a link or an image.
 */

const BREAK = "[overflow-wrap:anywhere]";

/**
 * Free text from evidence (subjects, descriptions, details) or from a sender (requests, notes,
 * contact). An address in it may break after its "@" and before its dots (`<wbr>`), and
 * anywhere only as the last resort.
 */
export function EvidenceText({ value, className = "" }: { value: string; className?: string }) {
  return <span className={className ? `${BREAK} ${className}` : BREAK}>{breakAddresses(toDisplayText(value))}</span>;
}

/**
 * A long token from evidence (a rule name, a domain, a header name): it may break after
 * `_`, `.`, `-`, `/` or `@` on a narrow screen, rather than anywhere mid-word.
 */
export function EvidenceToken({ value, className = "" }: { value: string; className?: string }) {
  const parts = toDisplayText(value).split(/(?<=[_.\-/@\]])/);
  // Text and <wbr> side by side: no element per part (each would be sent twice, in the HTML and the RSC payload).
  return (
    <span className={className ? `${BREAK} ${className}` : BREAK}>
      {parts.flatMap((part, i) => (i === 0 ? [part] : [<wbr key={i} />, part]))}
    </span>
  );
}

/** A URL from evidence, defanged and in monospace; deliberately not a link. */
export function DefangedUrl({ url }: { url: string }) {
  return <code className={`font-mono text-sm ${BREAK}`}>{showInvisibles(defangUrl(url))}</code>;
}

/** Raw text such as a header sample, kept as written (wrapped), shortened when huge. */
export function EvidenceBlock({ value, max = 1500 }: { value: string; max?: number }) {
  const { shown, hidden } = firstCharacters(value, max);
  return (
    <pre
      tabIndex={0}
      className={`max-h-64 overflow-auto rounded-md border border-line bg-sunken p-3 font-mono text-xs whitespace-pre-wrap ${BREAK}`}
    >
      {toDisplayText(shown)}
      {hidden > 0 ? `\n… ${formatCount(hidden)} more characters not shown` : null}
    </pre>
  );
}

/**
 * An SMTP user and, when the block names one, its sender address ("newsletter-app · news@…"),
 * as the tables of the console and the owner portal show a block's sender. The address is
 * the envelope sender a client chose: shown like evidence, invisible characters made visible.
 */
export function SenderLine({ smtpUser, senderAddress }: { smtpUser: string; senderAddress: string | null }) {
  return (
    <>
      <EvidenceText value={smtpUser} />
      {senderAddress ? (
        <span className="text-muted">
          {" "}
          · <EvidenceText value={senderAddress} />
        </span>
      ) : null}
    </>
  );
}
