import { readFileSync } from "node:fs";
import path from "node:path";

/*
 * Which paths are route handlers (app/**\/route.ts), as Next's build lists them in
 * .next/app-path-routes-manifest.json. The front server's guards treat everything else as a
 * page: Next renders a page (or its 404 page) for it, and runs a server action posted to it.
 * A prefix such as `/api/` would not do: Next renders its 404 page for `/api/nonexistent`,
 * and answered an action posted there with 500.
 */

const escape = (text: string) => text.replace(/[.*+?^${}()|\\]/g, "\\$&");

/** A route's path pattern as a regular expression: `[id]` one segment, `[...rest]` one or more, `[[...rest]]` any. */
export function routePattern(route: string): string {
  return route
    .split("/")
    .map((segment) => {
      if (/^\[\[\.\.\.[^\]]+\]\]$/.test(segment)) return "(?:/.*)?";
      if (/^\[\.\.\.[^\]]+\]$/.test(segment)) return "/.+";
      if (/^\[[^\]]+\]$/.test(segment)) return "/[^/]+";
      return segment === "" ? "" : `/${escape(segment)}`;
    })
    .join("");
}

/** A matcher for the route handlers in a manifest's entries (`"/api/health/route": "/api/health"`). */
export function routeHandlerMatcher(entries: Record<string, string>): (pathname: string) => boolean {
  const routes = Object.entries(entries)
    .filter(([file]) => file.endsWith("/route"))
    .map(([, route]) => routePattern(route));
  if (routes.length === 0) return () => false;
  const pattern = new RegExp(`^(?:${routes.join("|")})/?$`);
  return (pathname) => pattern.test(pathname);
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
