import { execFileSync, spawn } from "node:child_process";
import { chmod, cp, mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import { createServer, type Server } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { freePort, startEmbeddedPostgres } from "@/lib/db/embedded";

// `npm start`'s database step, where a first start goes wrong: the port is taken by
// another checkout's database, or (as root) PostgreSQL's own user cannot reach the checkout.
// Each case runs scripts/start.ts as `npm start` does, in a child process, and reads
// what it printed: one line saying what to do, never `undefined` or a stack trace.

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function tempDir(mode: number): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "block-reports-start-db-"));
  await chmod(dir, mode);
  cleanup.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

async function occupy(port: number): Promise<Server> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => server.once("error", reject).listen(port, "127.0.0.1", resolve));
  cleanup.push(() => new Promise((resolve) => server.close(() => resolve())));
  return server;
}

function runStart(cwd: string, env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env, NODE_ENV: "production" };
  for (const name of ["DATABASE_URL", "PUBLIC_BASE_URL", "NEXTAUTH_URL", "NEXTAUTH_SECRET"]) delete childEnv[name];
  const child = spawn(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", path.join(cwd, "scripts/start.ts")],
    {
      cwd,
      env: childEnv,
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
  return new Promise((resolve) =>
    child.once("close", (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    }),
  );
}

function failureLine(output: string): string {
  const line = output.split("\n").find((text) => text.includes("start failed:"));
  expect(line, output).toBeDefined();
  return line!;
}

describe("npm start's embedded database", () => {
  it("names EMBEDDED_PG_PORT and a free port when another checkout's database holds the port", async () => {
    const port = await freePort();
    await occupy(port);
    const dataDir = await tempDir(0o755);
    const { code, output } = await runStart(process.cwd(), {
      DATA_DIR: dataDir,
      EMBEDDED_PG_PORT: String(port),
      PORT: String(await freePort()),
    });
    expect(code).toBe(1);
    const line = failureLine(output);
    expect(line).toContain(`port ${port} for the embedded PostgreSQL (EMBEDDED_PG_PORT) is already in use`);
    expect(line).toMatch(/EMBEDDED_PG_PORT=\d+ PORT=\d+ npm start$/);
    expect(output).not.toContain("undefined");
    expect(output).toContain("[block-reports] stopped");
  });

  it("says another start runs on the same data folder rather than starting a second PostgreSQL on it", async () => {
    const dataDir = await tempDir(0o755);
    const db = await startEmbeddedPostgres({
      dir: path.join(dataDir, "postgres"),
      port: await freePort(),
      database: "block_reports",
      persistent: true,
    });
    cleanup.push(db.stop);
    const { code, output } = await runStart(process.cwd(), {
      DATA_DIR: dataDir,
      EMBEDDED_PG_PORT: String(await freePort()),
      PORT: String(await freePort()),
    });
    expect(code).toBe(1);
    const pid = (await readFile(path.join(dataDir, "postgres", "postmaster.pid"), "utf8")).split("\n")[0];
    expect(failureLine(output)).toContain(
      `another npm start already runs on this data folder (${path.relative(process.cwd(), dataDir)}, PostgreSQL pid ${pid})`,
    );
  });

  it("reports what PostgreSQL said when it exits during start, not `undefined`", async () => {
    const dataDir = await tempDir(0o755);
    const port = await freePort();
    await occupy(port);
    // startEmbeddedPostgres itself does not look at the port first: this is the fallback for
    // whatever else makes Postgres give up (a port taken between the check and the start).
    const started = startEmbeddedPostgres({
      dir: path.join(dataDir, "postgres"),
      port,
      database: "block_reports",
      persistent: false,
    });
    await expect(started).rejects.toThrow(
      new RegExp(
        `^PostgreSQL did not start: could not create any TCP/IP sockets \\(could not bind IPv4 address "127\\.0\\.0\\.1": Address already in use .*port ${port}`,
      ),
    );
  });

  // Run as root, PostgreSQL runs as the user "postgres"; a checkout under /root (or any
  // folder only root may enter) used to crash start with an unhandled spawn EACCES.
  const root = process.getuid?.() === 0;
  it.runIf(root || process.env.CI)(
    "as root in a folder only root may enter: one line saying what to do, no EACCES crash",
    async () => {
      expect(root, "this case needs root (CI runs as root)").toBe(true);
      const home = await tempDir(0o700);
      const checkout = path.join(home, "block-reports");
      await mkdir(checkout);
      // A checkout of its own inside the closed folder: node_modules hard-linked (fast, same
      // files), the sources start.ts loads before the database step copied.
      execFileSync("cp", ["-al", path.resolve("node_modules"), path.join(checkout, "node_modules")]);
      for (const entry of ["lib", "scripts", "prisma", "package.json", "tsconfig.json"]) {
        await cp(path.resolve(entry), path.join(checkout, entry), { recursive: true });
      }
      const { code, output } = await runStart(checkout, {
        EMBEDDED_PG_PORT: String(await freePort()),
        PORT: String(await freePort()),
      });
      expect(code).toBe(1);
      expect(output).not.toContain("EACCES");
      expect(failureLine(output)).toBe(
        `[block-reports] start failed: run as root, the embedded PostgreSQL runs as the user "postgres", which cannot enter ${home} (mode 0700): ` +
          "put the checkout and DATA_DIR under a folder every user can enter (e.g. /srv or /opt, not /root), run as a regular user, or set DATABASE_URL",
      );
    },
    120_000,
  );
});
