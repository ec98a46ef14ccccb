import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterEach, describe, expect, inject, it } from "vitest";
import { submitAppeal } from "@/lib/data/appeals";
import { blockWithLink, freshClient, validAppealFields } from "./sender-actions/support";
import { settleEarlierOutbox } from "../support/outbox";

// What the worker prints, `npm run worker` alone or beside the app in `npm start`: one
// JSON line per event (pino, lib/log.ts), never a multi-line object or stack, and never a
// report secret — also when the database drops its connections or a library writes to console.

const running: { child: ChildProcess; dataDir: string }[] = [];
afterEach(async () => {
  for (const { child, dataDir } of running.splice(0)) {
    if (child.exitCode === null) {
      child.kill("SIGKILL");
      await new Promise((resolve) => child.once("close", resolve));
    }
    await rm(dataDir, { recursive: true, force: true });
  }
});

// The two ways the worker runs. `npm start`'s is started by the same function start.ts calls;
// a library's console.error (an Error whose message holds a report URL) comes after it.
const WORKERS = {
  "npm run worker": () => ["scripts/worker.ts"],
  "npm start's worker": (secret: string) => [
    "--input-type=module",
    "-e",
    `
    import { startWorkerBesideApp } from "./scripts/start/worker.ts";
    await startWorkerBesideApp(process.env.DATABASE_URL, { quiet: () => false });
    setTimeout(() => console.error(new Error("GET https://reports.example.net/?id=1ec5d310c951ebd54d84&auth=${secret} failed")), 500);
    setTimeout(() => console.log("a library's", { nested: { url: "/?auth=${secret}" } }), 600);`,
  ],
} as const;

async function runWorker(kind: keyof typeof WORKERS, secret: string) {
  await settleEarlierOutbox();
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "block-reports-worker-log-"));
  const appName = `worker-log-${randomUUID()}`;
  const args = WORKERS[kind](secret);
  // Mail goes to files under DATA_DIR (no SMTP_URL); PGAPPNAME names its database connections.
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: inject("databaseUrl"),
    DATA_DIR: dataDir,
    LOG_LEVEL: "info",
    PGAPPNAME: appName,
  };
  delete env.SMTP_URL;
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", ...args], {
    cwd: process.cwd(),
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  running.push({ child, dataDir });
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const waitFor = async (pattern: RegExp, timeoutMs = 30_000) => {
    const deadline = Date.now() + timeoutMs;
    while (!pattern.test(output)) {
      if (Date.now() > deadline || child.exitCode !== null)
        throw new Error(`no ${pattern} in the worker's output:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  return { appName, output: () => output, waitFor };
}

/** Ends every database connection the worker holds, as a database restart does. */
async function dropConnections(appName: string) {
  const client = new pg.Client({ connectionString: inject("databaseUrl") });
  await client.connect();
  try {
    // Between two polls a worker may hold no connection at all: try until it does (10 s at most).
    let ended = 0;
    for (const deadline = Date.now() + 10_000; ended === 0 && Date.now() < deadline;) {
      ended =
        (
          await client.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1", [
            appName,
          ])
        ).rowCount ?? 0;
      if (ended === 0) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(ended).toBeGreaterThan(0);
  } finally {
    await client.end();
  }
}

describe("the worker's output", () => {
  for (const kind of Object.keys(WORKERS) as (keyof typeof WORKERS)[]) {
    it(`${kind}: every line is one JSON event, and no report secret appears`, async () => {
      // Mail for a review request submitted with the report's secret.
      const { secret, link } = await blockWithLink({ reason: "SPAM" });
      const worker = await runWorker(kind, secret);
      await submitAppeal({ link, fields: validAppealFields("SPAM"), client: freshClient() });
      await worker.waitFor(/"msg":"mail sent"/);
      if (kind === "npm start's worker") await worker.waitFor(/"msg":"a library's/);

      await dropConnections(worker.appName);
      await worker.waitFor(/"msg":"(worker database connection lost|database: connection lost|pg-boss error)"/);

      const lines = worker
        .output()
        .split("\n")
        .filter((line) => line !== "");
      expect(lines.length).toBeGreaterThan(2);
      for (const line of lines) {
        const event = (() => {
          try {
            return JSON.parse(line) as Record<string, unknown>;
          } catch {
            throw new Error(`not one JSON event per line: ${JSON.stringify(line)}\n${worker.output()}`);
          }
        })();
        expect(event).toMatchObject({ level: expect.any(Number), time: expect.any(Number), msg: expect.any(String) });
      }
      expect(worker.output()).not.toContain(secret);
      if (kind === "npm start's worker") {
        // The library's error arrives whole, stack included, with the secret scrubbed.
        const logged = lines
          .map((line) => JSON.parse(line) as { msg: string; err?: { stack?: string } })
          .find((event) => event.err);
        expect(logged?.msg).toContain("auth=[redacted] failed");
        expect(logged?.err?.stack).toContain("auth=[redacted]");
      }
    });
  }
});
