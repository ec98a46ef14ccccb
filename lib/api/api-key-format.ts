import { randomBytes } from "node:crypto";
import { sha256Bytes } from "@/lib/digest";

/*
 * An API key is `brk_` + 256 random bits (base64url). Only its SHA-256 digest is stored:
 * the key is high-entropy, so a plain hash (no salt, no slow KDF) is enough and keeps the
 * lookup a single indexed equality. The first 12 characters are kept as a display prefix
 * so an operator can tell keys apart without seeing them.
 */

const KEY_PREFIX = "brk_";
export const API_KEY_PATTERN = /^brk_[A-Za-z0-9_-]{43}$/;
const DISPLAY_PREFIX_LENGTH = 12;

export interface NewApiKey {
  key: string;
  prefix: string;
  digest: Uint8Array<ArrayBuffer>;
}

/** SHA-256 of the key (lib/digest.ts), as stored in api_key.key_digest. */
export const digestApiKey = sha256Bytes;

export function generateApiKey(): NewApiKey {
  const key = KEY_PREFIX + randomBytes(32).toString("base64url");
  return { key, prefix: key.slice(0, DISPLAY_PREFIX_LENGTH), digest: digestApiKey(key) };
}

/** The key from `Authorization: Bearer <key>`, or null when absent or not shaped like one of ours. */
export function readBearerKey(header: string | null): string | null {
  if (!header) return null;
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header);
  const key = match?.[1];
  return key !== undefined && API_KEY_PATTERN.test(key) ? key : null;
}
