import { describe, expect, it } from "vitest";
import { nextRedirectsPath } from "@/lib/front-server/redirect-headers";

describe("nextRedirectsPath", () => {
  it("is true for the paths Next answers with its normalising 308", () => {
    for (const target of [
      "//?id=1ec5d310c951ebd54d84&auth=x",
      "/staff//queue",
      "///evil.example/",
      "/\\staff",
      "/staff/",
      "/staff/?next=%2F",
      "/account/blocks/#top",
    ])
      expect(nextRedirectsPath(target), target).toBe(true);
  });

  it("is false for paths Next serves as they are, whatever their query holds", () => {
    for (const target of [
      "/",
      "/?id=1ec5d310c951ebd54d84&auth=a//b",
      "/staff",
      "/sign-in?next=%2Fstaff%2F",
      "/api/v1/blocks?x=\\",
      "/%2F%2Fevil.example",
      "",
    ])
      expect(nextRedirectsPath(target), target).toBe(false);
  });
});
