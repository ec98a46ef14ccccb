const EQUALS = 0x3d;
const SEXTETS = new Int8Array(128).fill(-1);
for (const [index, char] of [..."ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"].entries()) {
  SEXTETS[char.charCodeAt(0)] = index;
}
SEXTETS["-".charCodeAt(0)] = 62;
SEXTETS["_".charCodeAt(0)] = 63;

const ONLY_PADDING = /^[=\s]*$/;

/**
 * Some encoders pad every line (or every chunk) separately, so "=" can occur mid-body.
 * Each padding run ends a group; line breaks and other stray characters are skipped.
 */
function decodeWithInnerPadding(body: string): Buffer {
  const output = Buffer.allocUnsafe(Math.ceil((body.length * 3) / 4));
  let length = 0;
  let bits = 0;
  let bitCount = 0;
  for (let i = 0; i < body.length; i++) {
    const code = body.charCodeAt(i);
    if (code === EQUALS) {
      bitCount = 0;
      continue;
    }
    const sextet = code < 128 ? (SEXTETS[code] ?? -1) : -1;
    if (sextet < 0) continue;
    bits = ((bits << 6) | sextet) & 0xffffff;
    bitCount += 6;
    if (bitCount >= 8) {
      bitCount -= 8;
      output[length++] = (bits >> bitCount) & 0xff;
    }
  }
  return output.subarray(0, length);
}

/** Decodes a base64 MIME body; whitespace and stray characters are ignored. */
export function decodeBase64(body: string): Buffer {
  const firstPadding = body.indexOf("=");
  // Node's decoder is native and fast, but stops at the first "=".
  if (firstPadding < 0 || ONLY_PADDING.test(body.slice(firstPadding))) {
    return Buffer.from(body, "base64");
  }
  return decodeWithInnerPadding(body);
}
