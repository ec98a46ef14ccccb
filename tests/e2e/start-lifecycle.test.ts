import { spawn, type ChildProcess } from "node:child_process";
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { freePort } from "../support/embedded-db";

// `npm start` as a user runs it: no DATABASE_URL, so an embedded Postgres under DATA_DIR,
// migrated and seeded, the worker, and the front server. The production build already
// exists (the e2e global setup built it), so start does not build again.

interface ProcessInfo {
  pid: number;
  ppid: number;
  state: string;
}

async function processTable(): Promise<ProcessInfo[]> {
  const rows: ProcessInfo[] = [];
  for (const name of await readdir("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    const stat = await readFile(`/proc/${name}/stat`, "utf8").catch(() => "");
    // "pid (comm) state ppid …"; comm may contain spaces and parentheses.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    if (fields[0] && fields[1]) rows.push({ pid: Number(name), state: fields[0], ppid: Number(fields[1]) });
  }
  return rows;
}

async function descendants(root: number): Promise<number[]> {
  const table = await processTable();
  const found: number[] = [];
  const queue = [root];
  while (queue.length) {
    const parent = queue.shift()!;
    for (const row of table) {
      if (row.ppid === parent) {
        found.push(row.pid);
        queue.push(row.pid);
      }
    }
  }
  return found;
}

/** Still running (a zombie waiting to be reaped has stopped running). */
async function alive(pids: number[]): Promise<number[]> {
  const table = new Map((await processTable()).map((row) => [row.pid, row.state]));
  return pids.filter((pid) => table.has(pid) && table.get(pid) !== "Z");
}

interface Started {
  npm: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
  dataDir: string;
}

const running: Started[] = [];

async function npmStart(): Promise<Started & { demoLink: string }> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "block-reports-start-"));
  // Postgres runs as an unprivileged user when we are root, and must reach its data folder.
  await chmod(dataDir, 0o755);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    PORT: String(await freePort()),
    EMBEDDED_PG_PORT: String(await freePort()),
    NODE_ENV: "production",
  };
  for (const name of ["DATABASE_URL", "PUBLIC_BASE_URL", "NEXTAUTH_URL", "NEXTAUTH_SECRET"]) delete env[name];
  // Its own process group, as a terminal gives a foreground job: Ctrl-C signals the group.
  const npm = spawn("npm", ["start"], { env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  npm.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  npm.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => npm.once("exit", (code) => resolve(code)));
  const started: Started = { npm, output: () => output, exited, dataDir };
  running.push(started);

  const deadline = Date.now() + 120_000;
  for (;;) {
    const link = /http:\/\/localhost:\d+\/\?id=1ec5d310c951ebd54d84&auth=[\w-]+/.exec(output)?.[0];
    if (link && output.includes(`"msg":"serving"`)) return { ...started, demoLink: link };
    if (npm.exitCode !== null || Date.now() > deadline) throw new Error(`npm start did not come up:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function waitUntilGone(pids: number[], timeoutMs: number): Promise<number[]> {
  const deadline = Date.now() + timeoutMs;
  let left = await alive(pids);
  while (left.length && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    left = await alive(pids);
  }
  return left;
}

/** What a test set up beside an `npm start` it does not stop itself (a listener, a folder). */
const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
  for (const started of running.splice(0)) {
    const pids = started.npm.pid ? [started.npm.pid, ...(await descendants(started.npm.pid))] : [];
    for (const pid of await alive(pids)) process.kill(pid, "SIGKILL");
    await rm(started.dataDir, { recursive: true, force: true });
  }
});

describe("npm start", () => {
  for (const [how, stop] of [
    ["SIGTERM to the npm process", (npm: ChildProcess) => npm.kill("SIGTERM")],
    ["Ctrl-C (SIGINT to the whole process group)", (npm: ChildProcess) => process.kill(-npm.pid!, "SIGINT")],
  ] as const) {
    it(`serves the demo report, then stops on ${how} leaving no process behind`, async () => {
      const started = await npmStart();
      expect((await fetch(started.demoLink)).status).toBe(200);

      const tree = await descendants(started.npm.pid!);
      // npm → start.ts → Postgres (+ its backends) and the front server.
      expect(tree.length).toBeGreaterThanOrEqual(3);
      stop(started.npm);

      await started.exited;
      expect(await waitUntilGone(tree, 15_000)).toEqual([]);
      expect(started.output()).toContain("[block-reports] stopped");
      await expect(fetch(started.demoLink)).rejects.toThrow();
    }, 180_000);
  }

  /**
   * `npm start` with PORT taken by a listener of this test's and DATA_DIR a fresh folder
   * (`prepare` may put things in it first): its exit code and everything it printed.
   */
  async function startWithPortTaken(
    prepare: (dataDir: string) => Promise<void>,
    env: Record<string, string | undefined>,
  ): Promise<{ port: number; dataDir: string; code: number | null; output: string }> {
    const taken = createServer();
    const port = await new Promise<number>((resolve) =>
      taken.listen(0, "127.0.0.1", () => resolve((taken.address() as { port: number }).port)),
    );
    const dataDir = path.join(await mkdtemp(path.join(os.tmpdir(), "block-reports-start-")), "data");
    cleanups.push(async () => {
      taken.close();
      await rm(path.dirname(dataDir), { recursive: true, force: true });
    });
    await prepare(dataDir);
    const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env, DATA_DIR: dataDir, PORT: String(port) };
    delete childEnv.DATABASE_URL;
    for (const [key, value] of Object.entries(env)) if (value === undefined) delete childEnv[key];
    const npm = spawn("npm", ["start"], { env: childEnv, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    npm.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    npm.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => npm.once("exit", resolve));
    return { port, dataDir, code, output };
  }

  it("refuses a PORT already in use before starting anything, and exits 1", async () => {
    const { port, dataDir, code, output } = await startWithPortTaken(async () => {}, {
      EMBEDDED_PG_PORT: String(await freePort()),
    });
    expect(code).toBe(1);
    expect(output).toContain(`port ${port} (PORT) is already in use`);
    expect(output).toMatch(/e\.g\. PORT=\d+ npm start/);
    expect(output).not.toContain("ready on");
    // Nothing was started or written: no database, no generated secrets.
    await expect(stat(dataDir)).rejects.toThrow();
  }, 60_000);

  it("says a second npm start in the same folder needs its own DATA_DIR, with ports that are free", async () => {
    // The first npm start's database: a postmaster.pid naming a live process (this one).
    const { code, output } = await startWithPortTaken(
      async (dataDir) => {
        await mkdir(path.join(dataDir, "postgres"), { recursive: true });
        await writeFile(path.join(dataDir, "postgres", "postmaster.pid"), `${process.pid}\n${dataDir}\n`);
      },
      { EMBEDDED_PG_PORT: undefined },
    );
    expect(code).toBe(1);
    expect(output).toContain("another npm start already runs on this data folder");
    expect(output).toMatch(/e\.g\. DATA_DIR=\.data-2 (EMBEDDED_PG_PORT=\d+ )?PORT=\d+ npm start/);
    expect(output).not.toContain("ready on");
  }, 60_000);
});
