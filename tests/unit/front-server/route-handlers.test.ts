import { describe, expect, it } from "vitest";
import { routeHandlerMatcher } from "@/lib/front-server/route-handlers";

describe("route handlers as the build lists them", () => {
  const isRouteHandler = routeHandlerMatcher({
    "/api/health/route": "/api/health",
    "/api/v1/blocks/[id]/lift/route": "/api/v1/blocks/[id]/lift",
    "/api/auth/[...nextauth]/route": "/api/auth/[...nextauth]",
    "/docs/[[...slug]]/route": "/docs/[[...slug]]",
    "/.well-known/security.txt/route": "/.well-known/security.txt",
    "/staff/page": "/staff",
    "/page": "/",
  });

  it("matches each route handler's paths, dynamic segments included", () => {
    for (const path of [
      "/api/health",
      "/api/health/",
      "/api/v1/blocks/1ec5d310c951ebd54d84/lift",
      "/api/auth/callback/credentials",
      "/docs",
      "/docs/a/b",
      "/.well-known/security.txt",
    ])
      expect(isRouteHandler(path), path).toBe(true);
  });

  it("leaves pages and paths no route handler serves to the page rules", () => {
    for (const path of [
      "/",
      "/staff",
      "/api",
      "/api/nonexistent",
      "/api/healthz",
      "/api/v1/blocks/x/y/lift",
      "/api/auth",
      "/.well-known/securityXtxt",
    ])
      expect(isRouteHandler(path), path).toBe(false);
  });
});
