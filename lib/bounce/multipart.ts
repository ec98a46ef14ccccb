// Line endings are left as pasted (LF, CRLF or CR): normalising a megabyte of them costs
// more than reading around them.
const CR = 0x0d;
const LF = 0x0a;

export interface BodyPart {
  /** Index in the multipart body where the part (its headers) starts. */
  start: number;
  text: string;
}

function isLineBreak(code: number): boolean {
  return code === LF || code === CR;
}

/** Index where the line containing `from` ends (its line break or the end of the body). */
function lineEnd(body: string, from: number): number {
  let i = from;
  while (i < body.length && !isLineBreak(body.charCodeAt(i))) i++;
  return i;
}

function nextLineStart(body: string, end: number): number {
  return body.charCodeAt(end) === CR && body.charCodeAt(end + 1) === LF ? end + 2 : end + 1;
}

/**
 * Finds the next delimiter line "--boundary" at or after `from`. RFC 2046 requires it to
 * start a line; after the boundary only "--" (the close delimiter) or blanks may follow,
 * which keeps "--abc" from matching a nested part's "--abcdef".
 */
function findDelimiter(body: string, delimiter: string, from: number): number {
  for (let at = body.indexOf(delimiter, from); at >= 0; at = body.indexOf(delimiter, at + 1)) {
    const atLineStart = at === 0 || isLineBreak(body.charCodeAt(at - 1));
    const after = body.charCodeAt(at + delimiter.length);
    const delimiterEnds = Number.isNaN(after) || isLineBreak(after) || after === 0x20 || after === 0x09;
    if (atLineStart && (delimiterEnds || body.startsWith("--", at + delimiter.length))) return at;
  }
  return -1;
}

/** The line break before a delimiter belongs to the delimiter, not to the part. */
function partEnd(body: string, delimiterAt: number): number {
  const crlf = body.charCodeAt(delimiterAt - 1) === LF && body.charCodeAt(delimiterAt - 2) === CR;
  return delimiterAt - (crlf ? 2 : 1);
}

/**
 * Splits a multipart body into at most `maxParts` parts. The preamble and epilogue are
 * dropped. A missing close delimiter is tolerated, because bounces often return a
 * truncated message.
 */
export function splitMultipart(body: string, boundary: string, maxParts: number): BodyPart[] {
  const delimiter = `--${boundary}`;
  const parts: BodyPart[] = [];
  let partStart = -1;
  let at = findDelimiter(body, delimiter, 0);
  while (at >= 0 && parts.length < maxParts) {
    if (partStart >= 0) {
      parts.push({ start: partStart, text: body.slice(partStart, Math.max(partStart, partEnd(body, at))) });
    }
    const afterDelimiter = at + delimiter.length;
    const end = lineEnd(body, afterDelimiter);
    if (body.startsWith("--", afterDelimiter) || end >= body.length) return parts;
    partStart = nextLineStart(body, end);
    at = findDelimiter(body, delimiter, partStart);
  }
  if (partStart >= 0 && parts.length < maxParts) {
    parts.push({ start: partStart, text: body.slice(partStart) });
  }
  return parts;
}
