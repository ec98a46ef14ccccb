import { collectBase64Parts } from "./mime-parts";
import { matchReportLinks, type ReportLink } from "./report-link-pattern";
import { BounceTooLargeError, MAX_BOUNCE_BYTES } from "./size-limit";

export type { ReportLink } from "./report-link-pattern";
export { BounceTooLargeError, MAX_BOUNCE_BYTES } from "./size-limit";

// A bounce carries one link, a forwarded thread a handful. The caps keep a crafted paste
// of thousands of links (or near misses) from producing a useless list or costing
// milliseconds of per-match overhead.
const MAX_LINKS = 50;
const MAX_MATCHES = 1_000;

interface FoundLink {
  position: number;
  link: ReportLink;
}

/**
 * Everything but base64 is matched where it stands: the pattern itself reads
 * quoted-printable, HTML entities, percent-escapes and folded lines. Links inside base64
 * parts are placed at the part's position, to keep document order.
 */
function findAll(text: string): FoundLink[] {
  const found: FoundLink[] = [];
  let matchCount = 0;
  const sources = [{ offset: -1, text }, ...collectBase64Parts(text)];
  for (const source of sources) {
    for (const { index, link } of matchReportLinks(source.text)) {
      if (++matchCount > MAX_MATCHES) return found;
      if (link) found.push({ position: source.offset < 0 ? index : source.offset, link });
    }
  }
  return found;
}

/**
 * Finds Block Reports links (`?id=<20 hex>&auth=<secret>`, either order, any host, or a
 * bare query string) in a pasted bounce, link or text: plain, quoted-printable, base64 or
 * HTML MIME parts, CR, LF or CRLF line endings, lines folded inside the link. Returns them
 * deduplicated in order of appearance; an empty array when there is none.
 *
 * @throws BounceTooLargeError when the text exceeds MAX_BOUNCE_BYTES in UTF-8.
 */
export function findReportLinks(raw: string): ReportLink[] {
  // Bytes, because that is what arrives in the request body: counting UTF-16 code units
  // would let multi-byte text through at up to 3 MB.
  const bytes = Buffer.byteLength(raw, "utf8");
  if (bytes > MAX_BOUNCE_BYTES) throw new BounceTooLargeError(bytes);
  const found = findAll(raw);
  // Stable: links found at the same position keep the order in which they were read.
  found.sort((a, b) => a.position - b.position);
  const links = new Map<string, ReportLink>();
  for (const { link } of found) {
    const key = `${link.id}&${link.auth}`;
    if (links.size >= MAX_LINKS) break;
    if (!links.has(key)) links.set(key, link);
  }
  return [...links.values()];
}
