import { describe, expect, it } from "vitest";
import { openSealedSecret, sealingKeyFrom, sealSecret, smtpReplyParts } from "@/lib/report-link";

const key = sealingKeyFrom("unit-test-report-link-key-0123456789abcdef");
const secret = "Ytv7w6bcQvH7FIhzKKIunribyeMlfv8ftXuE7mCZ2FM";
const publicId = "1ec5d310c951ebd54d84";

describe("sealed report secrets", () => {
  it("open again under the same key and public id", () => {
    const sealed = sealSecret(key, publicId, secret);
    expect(openSealedSecret(key, publicId, sealed)).toBe(secret);
    expect(Buffer.from(sealed).includes(Buffer.from(secret))).toBe(false);
    // A fresh IV each time: the same secret never seals to the same bytes.
    expect(Buffer.from(sealSecret(key, publicId, secret)).equals(Buffer.from(sealed))).toBe(false);
  });

  it("do not open under another key, for another block, or when altered", () => {
    const sealed = sealSecret(key, publicId, secret);
    expect(openSealedSecret(sealingKeyFrom("another-report-link-key-0123456789abcdef"), publicId, sealed)).toBeNull();
    expect(openSealedSecret(key, "7a1d9e44b02c6f835e10", sealed)).toBeNull();
    for (const index of [0, 5, 20, sealed.length - 1]) {
      const altered = Uint8Array.from(sealed);
      altered[index]! ^= 1;
      expect(openSealedSecret(key, publicId, altered)).toBeNull();
    }
    expect(openSealedSecret(key, publicId, sealed.subarray(0, 29))).toBeNull();
  });
});

describe("the SMTP reply in its forms", () => {
  it("gives the status line, the See: line and both on one line", () => {
    const url = `https://reports.example.net/?id=${publicId}&auth=${secret}`;
    expect(smtpReplyParts("ABUSE", url)).toEqual({
      line: "550 5.7.1 [ABUSE] Sender blocked: spam or abuse detected.",
      see: `See: ${url}`,
      singleLine: `550 5.7.1 [ABUSE] Sender blocked: spam or abuse detected. See: ${url}`,
    });
    expect(smtpReplyParts("RATE", null)).toEqual({
      line: "550 5.7.1 [RATE] Sender blocked: sustained rate limit breaches.",
      see: null,
      singleLine: "550 5.7.1 [RATE] Sender blocked: sustained rate limit breaches.",
    });
  });
});
