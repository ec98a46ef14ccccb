import { createHmac, timingSafeEqual } from "node:crypto";

/*
 * Every delivery carries
 *
 *     Block-Reports-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>
 *
 * Signing the timestamp with the body lets a receiver refuse replays: recompute v1 over
 * the raw body, compare in constant time, and reject when |now − t| > 300 seconds. Each
 * retry is signed afresh with its own timestamp; the body (and its event id) stays the same.
 */

export const SIGNATURE_HEADER = "Block-Reports-Signature";
export const SIGNATURE_TOLERANCE_SECONDS = 300;

export function computeSignature(secret: string, timestamp: number, body: string): string {
  return createHmac("sha256", secret).update(`${timestamp}.${body}`, "utf8").digest("hex");
}

/** The header value for a body sent at `now`. */
export function signatureHeader(secret: string, body: string, now: Date = new Date()): string {
  const timestamp = Math.floor(now.getTime() / 1000);
  return `t=${timestamp},v1=${computeSignature(secret, timestamp, body)}`;
}

export type SignatureCheck = { valid: true } | { valid: false; why: "malformed" | "stale" | "mismatch" };

/** What a receiver does with the header (exported for receivers written in TypeScript, and for tests). */
export function verifySignature(
  secret: string,
  header: string | null,
  body: string,
  now: Date = new Date(),
): SignatureCheck {
  const parts = new Map((header ?? "").split(",").map((part) => part.trim().split("=", 2) as [string, string]));
  const timestamp = Number(parts.get("t"));
  const given = parts.get("v1");
  if (!Number.isInteger(timestamp) || !given || !/^[0-9a-f]{64}$/.test(given))
    return { valid: false, why: "malformed" };
  if (Math.abs(now.getTime() / 1000 - timestamp) > SIGNATURE_TOLERANCE_SECONDS) return { valid: false, why: "stale" };
  const expected = Buffer.from(computeSignature(secret, timestamp, body), "hex");
  return timingSafeEqual(expected, Buffer.from(given, "hex")) ? { valid: true } : { valid: false, why: "mismatch" };
}
