import { decodeBase64 } from "./base64";
import { splitMultipart } from "./multipart";

// A bounce nests a few levels (report → returned message → its alternatives) and has a
// handful of parts. The caps keep crafted input from recursing without end or from
// paying per-part overhead a hundred thousand times.
const MAX_DEPTH = 8;
const MAX_PARTS = 200;
// "id=" + 20 + "&auth=" + 22: a shorter body cannot hold a link, even encoded.
const MIN_LINK_LENGTH = 51;

const ANY_BASE64_PART = /^content-transfer-encoding:\s*"?base64/im;
// Line endings are left as pasted: LF, CRLF or CR.
const HEADER_LINE = /^[!-9;-~]{1,100}:/;
// A CR counts as a line break of its own only when no LF follows, or else one CRLF would
// read as a blank line.
const BLANK_LINE = /(?:\r\n|\r(?!\n)|\n){2}/;
const FOLDED_HEADER_LINE = /(?:\r\n?|\n)[ \t]+/g;
const CONTENT_TYPE = /^content-type:[ \t]*([^\r\n]*)/im;
const TRANSFER_ENCODING = /^content-transfer-encoding:[ \t]*"?([^\r\n"]*)/im;
const BOUNDARY = /;\s*boundary\s*=\s*(?:"([^"\r\n]{1,200})"|([^\s;"]{1,200}))/i;

/** Text decoded from a base64 part, and where that part's body starts in the message. */
export interface DecodedPart {
  offset: number;
  text: string;
}

interface MimeEntity {
  mediaType: string;
  boundary: string | undefined;
  isBase64: boolean;
  body: string;
  bodyOffset: number;
}

function headerValue(unfoldedHeaders: string, header: RegExp): string {
  return header.exec(unfoldedHeaders)?.[1]?.trim() ?? "";
}

function splitHeaders(entity: string): { headers: string; bodyOffset: number } {
  if (!HEADER_LINE.test(entity)) return { headers: "", bodyOffset: 0 };
  const blankLine = BLANK_LINE.exec(entity);
  if (!blankLine) return { headers: entity, bodyOffset: entity.length };
  return { headers: entity.slice(0, blankLine.index), bodyOffset: blankLine.index + blankLine[0].length };
}

function parseEntity(entity: string): MimeEntity {
  const { headers, bodyOffset } = splitHeaders(entity);
  // Folded header lines continue with whitespace (RFC 5322 §2.2.3).
  const unfolded = headers.replace(FOLDED_HEADER_LINE, " ");
  const contentType = headerValue(unfolded, CONTENT_TYPE);
  const boundary = BOUNDARY.exec(contentType);
  return {
    mediaType: (contentType.split(";")[0] ?? "").trim().toLowerCase(),
    boundary: boundary?.[1] ?? boundary?.[2],
    isBase64: headerValue(unfolded, TRANSFER_ENCODING).toLowerCase() === "base64",
    body: entity.slice(bodyOffset),
    bodyOffset,
  };
}

class Base64PartWalker {
  readonly parts: DecodedPart[] = [];
  private partCount = 0;

  /** `offset` is where `entity` starts in the message, or where the enclosing base64 part does. */
  walk(entity: string, offset: number, depth: number, insideDecoded: boolean): void {
    if (entity.length < MIN_LINK_LENGTH || depth > MAX_DEPTH || this.partCount >= MAX_PARTS) return;
    this.partCount++;
    const { mediaType, boundary, isBase64, body, bodyOffset } = parseEntity(entity);
    const bodyPosition = insideDecoded ? offset : offset + bodyOffset;
    if (mediaType.startsWith("multipart/") && boundary) {
      for (const part of splitMultipart(body, boundary, MAX_PARTS - this.partCount)) {
        this.walk(part.text, insideDecoded ? offset : bodyPosition + part.start, depth + 1, insideDecoded);
      }
      return;
    }
    const isMessage = mediaType === "message/rfc822" || mediaType === "message/global";
    if (!isBase64) {
      if (isMessage) this.walk(body, bodyPosition, depth + 1, insideDecoded);
      return;
    }
    // One character per byte: links and MIME structure are ASCII, and a part in another
    // charset cannot make decoding fail.
    const text = decodeBase64(body).toString("latin1");
    this.parts.push({ offset: bodyPosition, text });
    // An attached message, once decoded, may hold base64 parts of its own.
    if (isMessage) this.walk(text, bodyPosition, depth + 1, true);
  }
}

/**
 * The decoded text of every base64 part of a MIME message, in document order. Everything
 * else the message holds is readable as it stands.
 */
export function collectBase64Parts(message: string): DecodedPart[] {
  if (!ANY_BASE64_PART.test(message)) return [];
  const walker = new Base64PartWalker();
  walker.walk(message, 0, 0, false);
  return walker.parts;
}
