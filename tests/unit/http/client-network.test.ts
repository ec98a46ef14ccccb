import { describe, expect, it } from "vitest";
import { clientNetwork } from "@/lib/http/client-network";

describe("clientNetwork (what the per-client rate limits count under)", () => {
  it("counts an IPv6 client by its /64, however the address is written", () => {
    expect(clientNetwork("2001:db8:1:2::1")).toBe("2001:db8:1:2::/64");
    expect(clientNetwork("2001:db8:1:2:ffff:ffff:ffff:ffff")).toBe("2001:db8:1:2::/64");
    expect(clientNetwork("2001:0DB8:0001:0002:0000:0000:0000:0009")).toBe("2001:db8:1:2::/64");
    expect(clientNetwork("2001:db8:1:3::1")).toBe("2001:db8:1:3::/64");
    expect(clientNetwork("::1")).toBe("0:0:0:0::/64");
  });

  it("counts IPv4, an IPv4-mapped IPv6 address as its IPv4 one, and anything else as it is", () => {
    expect(clientNetwork("203.0.113.9")).toBe("203.0.113.9");
    expect(clientNetwork("::ffff:203.0.113.9")).toBe("203.0.113.9");
    expect(clientNetwork("unknown")).toBe("unknown");
    expect(clientNetwork("not:an:address")).toBe("not:an:address");
    expect(clientNetwork("0b7c3f2e-4a61-4d1e-9a53-6f1d2c9e0a01")).toBe("0b7c3f2e-4a61-4d1e-9a53-6f1d2c9e0a01");
  });
});
