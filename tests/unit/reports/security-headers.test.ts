import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, createNonce, wantsJson } from "@/lib/http/security-headers";

describe("content security policy", () => {
  it("is nonce-based and strict, with no third-party origin", () => {
    const policy = contentSecurityPolicy("abc123");
    for (const directive of ["object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "script-src 'self' 'nonce-abc123' 'strict-dynamic'", "style-src 'self' 'nonce-abc123'"]) {
      expect(policy).toContain(directive);
    }
    expect(policy).not.toMatch(/https?:|unsafe-inline|unsafe-eval|\*/);
  });

  it("makes a fresh 128-bit nonce each time", () => {
    const a = createNonce();
    expect(Buffer.from(a, "base64")).toHaveLength(16);
    expect(createNonce()).not.toBe(a);
  });
});

describe("wantsJson", () => {
  it("only when JSON is asked for and HTML is not", () => {
    expect(wantsJson("application/json")).toBe(true);
    expect(wantsJson("application/json; charset=utf-8")).toBe(true);
    expect(wantsJson("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")).toBe(false);
    expect(wantsJson("*/*")).toBe(false);
    expect(wantsJson(null)).toBe(false);
  });
});
