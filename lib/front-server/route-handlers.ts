import { readFileSync } from "node:fs";
import path from "node:path";
import { getRouteRegex } from "next/dist/shared/lib/router/utils/route-regex.js";

/*
 * Which paths are route handlers (app/**\/route.ts), as Next's build lists them in
 * .next/app-path-routes-manifest.json. The front server's guards treat everything else as a
 * page: Next renders a page (or its 404 page) for it, and runs a server action posted to it.
 * A prefix such as `/api/` would not do: Next renders its 404 page for `/api/nonexistent`,
 * and answered an action posted there with 500.
 */

/** A matcher for the route handlers in a manifest's entries (`"/api/health/route": "/api/health"`), with Next's own route patterns. */
export function routeHandlerMatcher(entries: Record<string, string>): (pathname: string) => boolean {
  const patterns = Object.entries(entries)
    .filter(([file]) => file.endsWith("/route"))
    .map(([, route]) => getRouteRegex(route).re);
  return (pathname) => patterns.some((pattern) => pattern.test(pathname));
}

let loaded: ((pathname: string) => boolean) | undefined;

/**
 * Whether `pathname` is a route handler of the build being served. Without a readable
 * manifest (no build), every path under `/api/` counts as one, as before.
 */
export function isRouteHandler(pathname: string): boolean {
  if (!loaded) {
    try {
      const file = path.join(process.cwd(), ".next", "app-path-routes-manifest.json");
      loaded = routeHandlerMatcher(JSON.parse(readFileSync(file, "utf8")) as Record<string, string>);
    } catch {
      loaded = (candidate) => candidate.startsWith("/api/");
    }
  }
  return loaded(pathname);
}
