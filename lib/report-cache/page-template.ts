/*
 * A rendered page as fixed bytes with holes. Two values in a report page must differ in
 * every response: the CSP nonce (a reused nonce lets an injected script borrow it) and
 * the "Report message" form's one-time submission id (a shared one would make a second
 * reader's report look like a double submission). Both are random, so each occurs in the
 * page only where it was put; every occurrence becomes a hole that is refilled per
 * response. Everything else is served byte for byte as Next rendered it.
 */

export interface PageTemplate {
  /** The bytes between the holes: always one more than `holes`. */
  parts: Buffer[];
  /** For each hole, the index of the token (in the `tokens` given to buildTemplate) it held. */
  holes: number[];
  /** The byte length of every token; a refill must have the same length. */
  tokenLengths: number[];
  /** Total length of a filled page (the refills keep the lengths). */
  length: number;
}

/**
 * Splits `page` at every occurrence of each token. Tokens are ASCII and must not be
 * empty or occur inside each other.
 */
export function buildTemplate(page: Buffer, tokens: string[]): PageTemplate {
  const needles = tokens.map((token) => Buffer.from(token, "latin1"));
  if (needles.some((needle) => needle.length === 0)) throw new Error("empty template token");
  const parts: Buffer[] = [];
  const holes: number[] = [];
  let offset = 0;
  // Where each token occurs next: searched again only once the cut has passed it, so the page is scanned once per token.
  const next = needles.map((needle) => page.indexOf(needle));
  for (;;) {
    let which = -1;
    for (const [index, at] of next.entries()) {
      if (at !== -1 && (which === -1 || at < next[which]!)) which = index;
    }
    if (which === -1) break;
    const at = next[which]!;
    parts.push(page.subarray(offset, at));
    holes.push(which);
    offset = at + needles[which]!.length;
    for (const [index, needle] of needles.entries()) {
      if (next[index] !== -1 && next[index]! < offset) next[index] = page.indexOf(needle, offset);
    }
  }
  parts.push(page.subarray(offset));
  return { parts, holes, tokenLengths: needles.map((needle) => needle.length), length: page.length };
}

/** How often each token occurs in the template. */
export function countHoles(template: PageTemplate, token: number): number {
  return template.holes.filter((hole) => hole === token).length;
}

/** The page with every hole refilled from `values` (one per token, same lengths as the originals). */
export function fillTemplate(template: PageTemplate, values: Buffer[]): Buffer {
  for (const [index, value] of values.entries()) {
    if (value.length !== template.tokenLengths[index]) throw new Error("template refill changes the page length");
  }
  const pieces: Buffer[] = [template.parts[0]!];
  for (const [index, hole] of template.holes.entries()) pieces.push(values[hole]!, template.parts[index + 1]!);
  return Buffer.concat(pieces, template.length);
}
