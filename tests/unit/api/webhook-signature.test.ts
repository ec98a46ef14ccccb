import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { signatureHeader, verifySignature } from "@/lib/webhooks";

const secret = "whsec_test";
const body = JSON.stringify({ id: "evt_1", type: "block.lifted", data: {} });
const at = new Date("2026-11-28T12:00:00Z");

describe("webhook signatures", () => {
  it("is t=<unix>,v1=<hex HMAC-SHA256(secret, `${t}.${body}`)>", () => {
    const t = at.getTime() / 1000;
    const expected = createHmac("sha256", secret).update(`${t}.${body}`).digest("hex");
    expect(signatureHeader(secret, body, at)).toBe(`t=${t},v1=${expected}`);
  });

  it("verifies inside the 300 s window and refuses outside it", () => {
    const header = signatureHeader(secret, body, at);
    expect(verifySignature(secret, header, body, new Date(at.getTime() + 299_000))).toEqual({ valid: true });
    expect(verifySignature(secret, header, body, new Date(at.getTime() - 299_000))).toEqual({ valid: true });
    expect(verifySignature(secret, header, body, new Date(at.getTime() + 301_000))).toEqual({
      valid: false,
      why: "stale",
    });
  });

  it("refuses another body, another secret, a moved timestamp and junk", () => {
    const header = signatureHeader(secret, body, at);
    expect(verifySignature(secret, header, `${body} `, at)).toEqual({ valid: false, why: "mismatch" });
    expect(verifySignature("whsec_other", header, body, at)).toEqual({ valid: false, why: "mismatch" });
    const moved = header.replace(/^t=(\d+)/, (_, t: string) => `t=${Number(t) + 1}`);
    expect(verifySignature(secret, moved, body, at)).toEqual({ valid: false, why: "mismatch" });
    for (const junk of [null, "", "t=abc,v1=00", "v1=" + "0".repeat(64), `t=${at.getTime() / 1000}`]) {
      expect(verifySignature(secret, junk, body, at)).toEqual({ valid: false, why: "malformed" });
    }
  });
});
