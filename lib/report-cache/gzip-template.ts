import { constants, crc32, deflateRawSync } from "node:zlib";
import { combineCrc32, crc32ShiftOperator } from "./crc32-combine";
import type { PageTemplate } from "./page-template";

/*
 * A gzip body for a page template without compressing 100 kB per response. Each fixed
 * part is deflated once, ending in a sync flush: byte-aligned and not final, so deflate
 * data for the next piece may follow (RFC 1951 §3.2.3). A part never refers back into
 * another part, since each was compressed on its own. The per-response values go in
 * between as "stored" (uncompressed) blocks, and an empty final block ends the stream.
 * The CRC-32 of the filled page (RFC 1952 §2.3.1) is combined from the parts' CRCs
 * computed once and the refills' CRCs (crc32-combine.ts).
 */

export interface GzipTemplate {
  deflated: Buffer[];
  /** Bytes of the deflated parts together. */
  length: number;
  /** CRC-32 of each fixed part, and the operator that shifts a CRC past it (crc32-combine.ts). */
  partCrcs: number[];
  partShifts: number[];
  /** The operator for each token's length, and each token's stored-block header (lengths are fixed). */
  tokenShifts: number[];
  tokenHeaders: Buffer[];
}

// ID1 ID2, CM = deflate, no flags, MTIME 0, XFL 0, OS = Unix.
const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0x03]);
// BFINAL = 1, BTYPE = 00 (stored), LEN = 0, NLEN = 0xffff.
const FINAL_EMPTY_BLOCK = Buffer.from([0x01, 0x00, 0x00, 0xff, 0xff]);

const WINDOW = 32 * 1024;

/*
 * Compressed on its own, each part would lose what it shares with the page before it
 * (the RSC payload repeats the HTML: about a quarter more bytes). So each part is
 * compressed with what precedes it as a preset dictionary, in which every hole is NUL
 * bytes. Deflate only refers back to bytes equal to the input, and a page without NUL
 * bytes (HTML from Postgres text has none) never equals them, so no part refers into a
 * hole, where the client will have a different value.
 */
function precedingWindow(template: PageTemplate, index: number): Buffer {
  const pieces: Buffer[] = [];
  for (let i = 0; i < index; i += 1)
    pieces.push(template.parts[i]!, Buffer.alloc(template.tokenLengths[template.holes[i]!]!));
  const before = Buffer.concat(pieces);
  return before.subarray(Math.max(0, before.length - WINDOW));
}

/** Deflates each fixed part of `template` (once per cached page). */
export function deflateTemplate(template: PageTemplate, level = 6): GzipTemplate {
  const withHistory = !template.parts.some((part) => part.includes(0));
  const deflated = template.parts.map((part, index) =>
    deflateRawSync(part, {
      level,
      finishFlush: constants.Z_SYNC_FLUSH,
      ...(withHistory && index > 0 && { dictionary: precedingWindow(template, index) }),
    }),
  );
  return {
    deflated,
    length: deflated.reduce((sum, part) => sum + part.length, 0),
    partCrcs: template.parts.map((part) => crc32(part)),
    partShifts: template.parts.map((part) => crc32ShiftOperator(part.length)),
    tokenShifts: template.tokenLengths.map(crc32ShiftOperator),
    tokenHeaders: template.tokenLengths.map(storedBlockHeader),
  };
}

function storedBlockHeader(length: number): Buffer {
  // BFINAL = 0, BTYPE = 00; the stream is byte-aligned after a sync flush.
  return Buffer.from([0x00, length & 0xff, length >>> 8, ~length & 0xff, (~length >>> 8) & 0xff]);
}

function trailer(crc: number, length: number): Buffer {
  const bytes = Buffer.alloc(8);
  bytes.writeUInt32LE(crc >>> 0, 0);
  bytes.writeUInt32LE(length % 2 ** 32, 4);
  return bytes;
}

/** The gzip encoding of fillTemplate(template, values) (values as long as the tokens they replace). */
export function fillGzipTemplate(template: PageTemplate, gzip: GzipTemplate, values: Buffer[]): Buffer {
  const valueCrcs = values.map((value) => crc32(value));
  const pieces: Buffer[] = [GZIP_HEADER, gzip.deflated[0]!];
  let crc = gzip.partCrcs[0]!;
  for (const [index, hole] of template.holes.entries()) {
    pieces.push(gzip.tokenHeaders[hole]!, values[hole]!, gzip.deflated[index + 1]!);
    crc = combineCrc32(crc, valueCrcs[hole]!, gzip.tokenShifts[hole]!);
    crc = combineCrc32(crc, gzip.partCrcs[index + 1]!, gzip.partShifts[index + 1]!);
  }
  pieces.push(FINAL_EMPTY_BLOCK, trailer(crc, template.length));
  return Buffer.concat(pieces);
}
