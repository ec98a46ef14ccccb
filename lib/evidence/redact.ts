import type { EvidenceItem } from "./schema";

/*
 * Recipient addresses belong to third parties, so they are redacted at ingestion and
 * never stored in full. The sender's own `from` stays: it is what was blocked.
 * Every function here is idempotent, so stored evidence can be passed through again.
 */

const MASK = "***";

const DELIMITERS = String.raw`\s<>()\[\],;:"'`;
/*
 * An address is a run of non-delimiters containing one "@". The lookbehind lets a match
 * start only where such a run starts, which keeps the scan linear on hostile input.
 */
const ADDRESS = new RegExp(String.raw`(?<![^${DELIMITERS}])[^${DELIMITERS}@]+@[^${DELIMITERS}@]+`, "g");

const RECIPIENT_HEADER =
  /^(?:to|cc|bcc|resent-(?:to|cc|bcc)|delivered-to|x-original-to|(?:x-)?envelope-to|apparently-to|x-rcpt-to|x-forwarded-to)[ \t]*:/i;
/* The "for <addr>" clause of a Received header names the recipient too (RFC 5321 4.4). */
const RECEIVED_FOR = /(\bfor[ \t]+<?)([^\s<>;@]+@[^\s<>;@]+)/gi;
const FOLDED_LINE = /^[ \t]/;
const CAN_KEEP_TLD = /^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/i;

function maskPart(part: string): string {
  if (/^\**$/.test(part)) return MASK;
  const first = String.fromCodePoint(part.codePointAt(0) ?? 0x2a);
  return first + MASK;
}

function redactDomain(domain: string): string {
  const dot = domain.lastIndexOf(".");
  const tld = dot > 0 ? domain.slice(dot + 1) : "";
  return maskPart(domain) + (CAN_KEEP_TLD.test(tld) ? `.${tld}` : "");
}

/**
 * `john.doe@example.com` → `j***@e***.com`: first character of the local part and of the
 * domain, and the top-level domain. A value without "@" is masked the same way.
 */
export function redactEmail(address: string): string {
  const trimmed = address.trim();
  if (trimmed === "") return "";
  const at = trimmed.lastIndexOf("@");
  if (at < 0) return maskPart(trimmed);
  return `${maskPart(trimmed.slice(0, at))}@${redactDomain(trimmed.slice(at + 1))}`;
}

/** Redacts every address inside free text, leaving the rest of the text as it was. */
export function redactEmailsIn(text: string): string {
  return text.replace(ADDRESS, redactEmail);
}

/**
 * A recipient field keeps only its redacted addresses: a display name such as
 * `Jane Doe <jane@example.com>` is personal data as well.
 */
export function redactRecipientField(value: string): string {
  const addresses = value.match(ADDRESS);
  return addresses ? addresses.map(redactEmail).join(", ") : redactEmail(value);
}

/** Redacts addresses in To/Cc/Delivered-To…, including folded lines, and in Received "for". */
export function redactHeaderSample(sample: string): string {
  let inRecipientHeader = false;
  return sample
    .split(/(?<=\n)/)
    .map((line) => {
      if (!FOLDED_LINE.test(line)) inRecipientHeader = RECIPIENT_HEADER.test(line);
      if (inRecipientHeader) return redactEmailsIn(line);
      return line.replace(RECEIVED_FOR, (_, prefix: string, address: string) => prefix + redactEmail(address));
    })
    .join("");
}

/** Returns a copy of the item with every recipient address redacted; other kinds are copied unchanged. */
export function redactRecipients(item: EvidenceItem): EvidenceItem {
  switch (item.kind) {
    case "message_samples":
      return {
        ...structuredClone(item),
        samples: item.samples.map((s) => ({
          ...s,
          ...(s.recipients && { recipients: s.recipients.map(redactRecipientField) }),
        })),
      };
    case "list_bombing":
      return {
        ...structuredClone(item),
        bursts: item.bursts.map((b) => ({ ...b, recipient: redactRecipientField(b.recipient) })),
      };
    case "header_problems":
      return {
        ...structuredClone(item),
        problems: item.problems.map((p) => ({
          ...p,
          ...(p.sample !== undefined && { sample: redactHeaderSample(p.sample) }),
        })),
      };
    default:
      return structuredClone(item);
  }
}
