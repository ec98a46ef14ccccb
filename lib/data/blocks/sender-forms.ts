import { domainToASCII, domainToUnicode } from "node:url";

/*
 * One envelope sender can be written several ways that mean the same mailbox: its domain
 * with a trailing dot (the DNS root) or without, and an internationalised domain in
 * U-labels (bücher.example) or A-labels (xn--bcher-kva.example). A block's address is
 * stored as it was given; a lookup matches it in any of these forms (each case-insensitively).
 */

/** The domain of an address less one trailing dot, or null when it has no `@`. */
function split(address: string): { local: string; domain: string } | null {
  const at = address.lastIndexOf("@");
  if (at < 0) return null;
  const domain = address.slice(at + 1);
  return { local: address.slice(0, at), domain: domain.endsWith(".") ? domain.slice(0, -1) : domain };
}

/**
 * Whether a domain is only labels of letters, digits and hyphens (any script): only such a
 * domain is converted (the URL host parser would also decode `%41` and map punctuation).
 */
const convertible = (domain: string) => /^[\p{L}\p{M}\p{N}-]+(\.[\p{L}\p{M}\p{N}-]+)*$/u.test(domain);

/** The address with its domain in A-labels and without a trailing dot (the domain as given when it is not a valid one). */
export function asciiSenderForm(address: string): string {
  const parts = split(address);
  if (!parts || parts.domain === "") return address;
  if (!convertible(parts.domain)) return `${parts.local}@${parts.domain}`;
  return `${parts.local}@${domainToASCII(parts.domain) || parts.domain}`;
}

/** The address with its domain in U-labels and without a trailing dot (the domain as given when it is not a valid one). */
export function unicodeSenderForm(address: string): string {
  const parts = split(address);
  if (!parts || parts.domain === "") return address;
  if (!convertible(parts.domain)) return `${parts.local}@${parts.domain}`;
  return `${parts.local}@${domainToUnicode(parts.domain) || parts.domain}`;
}

/** Drops one trailing dot from the domain of an address (`a@b.example.` → `a@b.example`). */
export function withoutTrailingDot(address: string): string {
  const parts = split(address);
  return parts && parts.domain !== "" ? `${parts.local}@${parts.domain}` : address;
}
