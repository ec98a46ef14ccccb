import { describe, expect, it } from "vitest";
import { isServerActionPost, postOrigin, withheldOrigin } from "@/lib/http/server-actions";

const headers = (values: Record<string, string>) => (name: string) => values[name];

describe("postOrigin", () => {
  it("tells this site's posts from another site's, as Next compares them (X-Forwarded-Host first, else Host)", () => {
    expect(postOrigin(headers({ host: "reports.example.net" }))).toBe("absent");
    expect(postOrigin(headers({ host: "reports.example.net", origin: "https://reports.example.net" }))).toBe("same");
    expect(
      postOrigin(
        headers({
          host: "10.0.0.5:3000",
          "x-forwarded-host": "reports.example.net, proxy",
          origin: "https://reports.example.net",
        }),
      ),
    ).toBe("same");
    expect(postOrigin(headers({ host: "reports.example.net", origin: "https://evil.example" }))).toBe("foreign");
    expect(
      postOrigin(headers({ host: "reports.example.net", origin: "https://reports.example.net.evil.example" })),
    ).toBe("foreign");
    expect(postOrigin(headers({ host: "reports.example.net", origin: "not a url" }))).toBe("foreign");
    expect(
      postOrigin(headers({ host: "reports.example.net", origin: "https://reports.example.net, https://evil.example" })),
    ).toBe("foreign");
  });

  it("takes `Origin: null` only when the browser says the post came from this origin", () => {
    expect(postOrigin(headers({ host: "reports.example.net", origin: "null" }))).toBe("foreign");
    expect(postOrigin(headers({ host: "reports.example.net", origin: "null", "sec-fetch-site": "cross-site" }))).toBe(
      "foreign",
    );
    expect(postOrigin(headers({ host: "reports.example.net", origin: "null", "sec-fetch-site": "same-origin" }))).toBe(
      "withheld",
    );
    expect(withheldOrigin(headers({ host: "reports.example.net" }), "http")).toBe("http://reports.example.net");
    expect(
      withheldOrigin(
        headers({ host: "x", "x-forwarded-host": "reports.example.net", "x-forwarded-proto": "https" }),
        "http",
      ),
    ).toBe("https://reports.example.net");
  });
});

describe("isServerActionPost", () => {
  it("is what Next would try as an action: a POST with Next-Action, or a multipart form", () => {
    expect(isServerActionPost("POST", headers({ "next-action": "60ab" }))).toBe(true);
    expect(isServerActionPost("POST", headers({ "next-action": "" }))).toBe(true);
    expect(isServerActionPost("POST", headers({ "content-type": "multipart/form-data; boundary=x" }))).toBe(true);
    expect(isServerActionPost("POST", headers({ "content-type": "application/json" }))).toBe(false);
    expect(isServerActionPost("GET", headers({ "next-action": "60ab" }))).toBe(false);
  });
});
