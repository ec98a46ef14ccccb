import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

const SOURCES = ["app", "components", "lib", "public", "next.config.mjs", "package-lock.json", "tsconfig.json", "postcss.config.mjs", "prisma/schema.prisma"];
const STAMP = ".next/block-reports-source-hash";

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

/** Runs `next build` when there is no build or the sources changed since the last one. */
export async function ensureBuild(say: (message: string) => void) {
  const current = sourceHash();
  const built = existsSync(STAMP) ? readFileSync(STAMP, "utf8") : null;
  if (built === current && existsSync(".next/BUILD_ID")) return;
  say(built ? "sources changed since the last build; building…" : "no build yet; building (about a minute)…");
  execFileSync(process.execPath, [path.resolve("node_modules/next/dist/bin/next"), "build"], { stdio: "inherit", env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" } });
  writeFileSync(STAMP, current);
}
