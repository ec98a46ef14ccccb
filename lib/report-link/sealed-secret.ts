import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

/*
 * The server must be able to say a block's current link again (the relay's status check,
 * the Postfix policy service), while a copy of the database alone still opens no report.
 * The secret is therefore kept sealed with AES-256-GCM under a key that lives outside the
 * database (REPORT_LINK_KEY); lookups still go by its SHA-256 digest. The block's public id
 * is authenticated with it, so a sealed secret copied onto another row does not open.
 * docs/report-links.md says why this was chosen over deriving secrets from the key.
 *
 * Layout: version (1 byte) | IV (12) | GCM tag (16) | ciphertext (the secret's UTF-8 bytes).
 */

const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = 1 + IV_BYTES + TAG_BYTES;

/** The AES key from the configured key material (any string of at least 32 characters). */
export function sealingKeyFrom(material: string): Buffer {
  return Buffer.from(hkdfSync("sha256", material, "block-reports", "report-link sealing v1", 32));
}

const associatedData = (publicId: string) => Buffer.from(`block-reports report link\n${publicId}`, "utf8");

export function sealSecret(key: Buffer, publicId: string, secret: string): Uint8Array<ArrayBuffer> {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(associatedData(publicId));
  const data = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
  const sealed = new Uint8Array(HEADER_BYTES + data.length);
  sealed[0] = VERSION;
  sealed.set(iv, 1);
  sealed.set(cipher.getAuthTag(), 1 + IV_BYTES);
  sealed.set(data, HEADER_BYTES);
  return sealed;
}

/** The secret, or null when `sealed` does not open under this key for this public id (another key, another row, damaged). */
export function openSealedSecret(key: Buffer, publicId: string, sealed: Uint8Array): string | null {
  if (sealed.length <= HEADER_BYTES || sealed[0] !== VERSION) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, sealed.subarray(1, 1 + IV_BYTES));
    decipher.setAAD(associatedData(publicId));
    decipher.setAuthTag(sealed.subarray(1 + IV_BYTES, HEADER_BYTES));
    return Buffer.concat([decipher.update(sealed.subarray(HEADER_BYTES)), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}
