import { createHash } from "node:crypto";

/**
 * SHA-256 of a high-entropy secret (a report link's secret, an API key), as Prisma's Bytes
 * type (a Uint8Array over its own ArrayBuffer): what is stored and looked up instead of the
 * secret. The one digest of stored secrets; a plain hash is enough at 256 bits of entropy.
 */
export function sha256Bytes(secret: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(createHash("sha256").update(secret, "utf8").digest());
}
