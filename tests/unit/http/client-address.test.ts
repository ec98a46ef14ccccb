import { describe, expect, it } from "vitest";
import { resolveClientAddress } from "@/lib/http/client-address";

describe("resolveClientAddress", () => {
  it("trusts no header without a proxy in front", () => {
    expect(resolveClientAddress("203.0.113.9", "192.0.2.1", 0)).toBe("192.0.2.1");
    expect(resolveClientAddress(undefined, "192.0.2.1", 0)).toBe("192.0.2.1");
  });

  it("takes the hop each trusted proxy appended, counting from the right", () => {
    const header = "198.18.0.1, 203.0.113.9, 10.0.0.5";
    expect(resolveClientAddress(header, "10.0.0.9", 1)).toBe("10.0.0.5");
    expect(resolveClientAddress(header, "10.0.0.9", 2)).toBe("203.0.113.9");
    expect(resolveClientAddress(header, "10.0.0.9", 3)).toBe("198.18.0.1");
  });

  it("stops at the furthest address there is when fewer hops arrived than expected", () => {
    expect(resolveClientAddress("203.0.113.9", "10.0.0.9", 3)).toBe("203.0.113.9");
    expect(resolveClientAddress(undefined, "10.0.0.9", 2)).toBe("10.0.0.9");
    expect(resolveClientAddress(" , ", "10.0.0.9", 1)).toBe("10.0.0.9");
  });

  it("reads a header sent more than once as one list", () => {
    expect(resolveClientAddress(["198.18.0.1", "203.0.113.9"], "10.0.0.9", 1)).toBe("203.0.113.9");
  });
});
