import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

const SOURCES = [
  "app",
  "components",
  "lib",
  "public",
  "next.config.mjs",
  "proxy.ts",
  "package-lock.json",
  "tsconfig.json",
  "postcss.config.mjs",
  "prisma/schema.prisma",
  "scripts/serve.ts",
];
const STAMP = ".next/block-reports-source-hash";
const LOCK = ".next-build.lock";

function* files(entry: string): Generator<string> {
  if (!existsSync(entry)) return;
  if (statSync(entry).isFile()) {
    yield entry;
    return;
  }
  for (const name of readdirSync(entry).sort()) yield* files(path.join(entry, name));
}

function sourceHash(): string {
  const hash = createHash("sha256");
  for (const source of SOURCES) {
    for (const file of files(source)) hash.update(file).update(readFileSync(file));
  }
  return hash.digest("hex");
}

// Two processes building into .next at once corrupt it (npm start beside a test run, or
// parallel test runs): a lock folder serialises them; a stale lock (over 10 min) is broken.
async function withBuildLock<T>(run: () => Promise<T>): Promise<T> {
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      if (Date.now() - statSync(LOCK, { throwIfNoEntry: false })!.mtimeMs > 600_000)
        rmSync(LOCK, { recursive: true, force: true });
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  try {
    return await run();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

function runNextBuild(signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const build = spawn(process.execPath, [path.resolve("node_modules/next/dist/bin/next"), "build"], {
      stdio: "inherit",
      env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
      signal,
    });
    build.once("error", reject);
    build.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`next build failed (exit code ${code})`))));
  });
}

/**
 * The server (scripts/serve.ts and the lib modules it imports) compiled to one JavaScript
 * file beside the build, packages left to node_modules, so the served process runs plain
 * JavaScript: a TypeScript loader at run time (tsx) kept its own thread and a second copy
 * of every module it compiled, about 100 MB of the server's memory (bench:history).
 */
export const SERVE_BUNDLE = ".next/block-reports/serve.mjs";

async function bundleServer() {
  const { build } = await import("esbuild");
  await build({
    entryPoints: ["scripts/serve.ts"],
    outfile: SERVE_BUNDLE,
    bundle: true,
    packages: "external",
    platform: "node",
    format: "esm",
    target: "node20",
    logLevel: "warning",
  });
}

/**
 * Runs `next build` when there is no build or the sources changed since the last one, and
 * compiles the server beside it (SERVE_BUNDLE).
 * Asynchronous, so Ctrl-C during a build is handled (the signal aborts the build).
 */
export async function ensureBuild(say: (message: string) => void, signal?: AbortSignal) {
  await withBuildLock(async () => {
    const current = sourceHash();
    const built = existsSync(STAMP) ? readFileSync(STAMP, "utf8") : null;
    const fresh = built === current && existsSync(".next/BUILD_ID");
    if (fresh && existsSync(SERVE_BUNDLE)) return;
    if (!fresh) {
      say(built ? "sources changed since the last build; building…" : "no build yet; building (about a minute)…");
      await runNextBuild(signal);
    }
    await bundleServer();
    writeFileSync(STAMP, current);
  });
}
