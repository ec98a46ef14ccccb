import { spawn } from "node:child_process";
import { createWriteStream } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { frontServerCommand } from "../../scripts/start/front-server";
import { startTestDatabase, freePort } from "./embedded-db";
import { TEST_OIDC_CLIENT } from "./oidc-client";
import { TEST_REPORT_LINK_KEY } from "./report-link-key";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    appDatabaseUrl: string;
    /** Everything the app process wrote to stdout and stderr, for tests that inspect the log. */
    appLogPath: string;
    /** The app's NEXTAUTH_SECRET, for tests that hold a session of a user who cannot sign in. */
    sessionSecret: string;
    /** The loopback port the app's OIDC_ISSUER names: the single sign-on test starts its provider there. */
    oidcIssuerPort: number;
  }
}

async function waitForHealth(url: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the app did not become healthy at ${url}`);
}

const SESSION_SECRET = "e2e-only-secret-0123456789abcdefghijklmnop";

/**
 * Browser tests run against the real production build, served as `npm start` serves it
 * (scripts/serve.ts: Next behind the front server and its report page cache), on a
 * seeded, throwaway Postgres.
 */
export default async function setup(project: TestProject) {
  const db = await startTestDatabase();
  // The seed below and the app seal report links with it; so does every test process.
  process.env.REPORT_LINK_KEY ??= TEST_REPORT_LINK_KEY;
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  // Single sign-on is configured; its provider runs only while tests/e2e/auth/single-sign-on.test.ts does.
  const oidcIssuerPort = await freePort();
  const env = {
    ...process.env,
    DATABASE_URL: db.url,
    PUBLIC_BASE_URL: baseUrl,
    NEXTAUTH_URL: baseUrl,
    NEXTAUTH_SECRET: SESSION_SECRET,
    NEXT_TELEMETRY_DISABLED: "1",
    NODE_ENV: "production" as const,
    // As behind one proxy: tests name their client in X-Forwarded-For to keep rate limits apart.
    TRUSTED_PROXY_HOPS: "1",
    OIDC_ISSUER: `http://127.0.0.1:${oidcIssuerPort}`,
    OIDC_CLIENT_ID: TEST_OIDC_CLIENT.clientId,
    OIDC_CLIENT_SECRET: TEST_OIDC_CLIENT.clientSecret,
  };
  Object.assign(process.env, { DATABASE_URL: db.url });
  const { seedDemoData } = await import("@/prisma/seed/seed-demo");
  await seedDemoData();
  const { ensureBuild } = await import("../../scripts/start/build");
  await ensureBuild((message) => console.log(`[e2e] ${message}`));
  const appLogPath = path.join(await mkdtemp(path.join(os.tmpdir(), "block-reports-e2e-log-")), "app.log");
  const appLog = createWriteStream(appLogPath);
  const { command, args } = frontServerCommand({ port, hostname: "127.0.0.1" });
  const app = spawn(command, args, { env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  // Both streams go to the log file; stderr is still shown, as before.
  app.stdout.pipe(appLog);
  app.stderr.on("data", (chunk: Buffer) => {
    appLog.write(chunk);
    process.stderr.write(chunk);
  });
  await waitForHealth(baseUrl, 60_000);
  project.provide("baseUrl", baseUrl);
  project.provide("appDatabaseUrl", db.url);
  project.provide("appLogPath", appLogPath);
  project.provide("sessionSecret", SESSION_SECRET);
  project.provide("oidcIssuerPort", oidcIssuerPort);
  return async () => {
    if (app.pid) process.kill(-app.pid, "SIGTERM");
    await new Promise((resolve) => setTimeout(resolve, 500));
    appLog.end();
    const { disconnectDb } = await import("@/lib/db/client");
    await disconnectDb();
    await db.stop();
  };
}
