/*
 * /.well-known/security.txt (RFC 9116): where to report a vulnerability. Generated per
 * request rather than kept as a file, because its Expires field must stay in the future.
 */

/** How far ahead Expires lies; RFC 9116 asks for less than a year. */
const VALID_DAYS = 90;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface SecurityTxtOptions {
  /** A mailto:, https: or tel: URI (lib/env.ts SECURITY_CONTACT). */
  contact: string;
  publicBaseUrl: string;
  now: Date;
}

export function securityTxt({ contact, publicBaseUrl, now }: SecurityTxtOptions): string {
  // Whole days, so every answer of one day is the same (and may be cached for a day).
  const expires = new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS + VALID_DAYS * DAY_MS);
  return [
    `Contact: ${contact}`,
    `Expires: ${expires.toISOString().replace(".000Z", "Z")}`,
    "Preferred-Languages: en",
    `Canonical: ${new URL("/.well-known/security.txt", publicBaseUrl).href}`,
    "",
  ].join("\n");
}
