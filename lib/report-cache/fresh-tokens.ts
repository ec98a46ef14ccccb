import { randomBytes, randomUUID } from "node:crypto";

/*
 * The per-response values of a cached page (see page-template.ts), in the exact formats
 * the originals have, so a refill never changes the page's length. Random bytes are drawn
 * from the CSPRNG a few kilobytes at a time, as randomUUID() already does internally: one
 * getrandom() call per view was a measurable share of a cached view's cost.
 */

const POOL_BYTES = 4096;
const NONCE_BYTES = 16; // as lib/http/security-headers.ts createNonce(): 128 bits
let pool = Buffer.alloc(0);
let offset = 0;

function randomSlice(length: number): Buffer {
  if (offset + length > pool.length) {
    pool = randomBytes(POOL_BYTES);
    offset = 0;
  }
  const slice = pool.subarray(offset, offset + length);
  offset += length;
  return slice;
}

/** A CSP nonce: 16 random bytes, base64 (24 characters). */
export function freshNonce(): string {
  return randomSlice(NONCE_BYTES).toString("base64");
}

/** A submission id for the "Report message" form: a random UUID, like the render's. */
export function freshSubmissionId(): string {
  return randomUUID();
}
