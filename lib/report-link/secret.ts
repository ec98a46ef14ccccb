import { randomBytes, timingSafeEqual } from "node:crypto";
import { sha256Bytes } from "@/lib/digest";

// A report link is a capability: `id` names the report, `auth` proves the holder got it
// from the bounce. The secret has 256 bits and is stored only as its SHA-256 digest, so
// lookups go by digest and a database leak yields no working link.

export function generatePublicId(): string {
  return randomBytes(10).toString("hex");
}

export function generateSecret(): string {
  return randomBytes(32).toString("base64url");
}

/** SHA-256 of the secret (lib/digest.ts), as stored in block.secret_digest. */
export const digestSecret = sha256Bytes;

export function secretMatches(secret: string, digest: Uint8Array): boolean {
  const candidate = digestSecret(secret);
  return candidate.length === digest.length && timingSafeEqual(candidate, digest);
}
