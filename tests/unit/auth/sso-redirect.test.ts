import { describe, expect, it } from "vitest";
import { backToSignIn, SSO_MESSAGES, ssoMessage } from "@/lib/auth/sso-redirect";

describe("single sign-on's refusals on the sign-in page", () => {
  it("shows a fixed sentence per reason and nothing for anything else in the URL", () => {
    for (const [code, sentence] of Object.entries(SSO_MESSAGES)) expect(ssoMessage(code)).toBe(sentence);
    for (const code of ["", "constructor", "__proto__", "toString", "<script>", ["unknown"], undefined, 1])
      expect(ssoMessage(code)).toBeNull();
  });

  it("sends the browser back with a 303 that keeps only the reason and the page asked for", () => {
    const response = backToSignIn("unverified", "/staff/metrics");
    expect(response.status).toBe(303);
    const location = new URL(response.headers.get("location")!);
    expect(location.pathname).toBe("/sign-in");
    expect(Object.fromEntries(location.searchParams)).toEqual({ sso: "unverified", next: "/staff/metrics" });
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("referrer-policy")).toBe("no-referrer");
  });
});
