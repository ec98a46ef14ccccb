import { mkdtemp, readFile, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ensureReportLinkKey } from "@/scripts/start/secrets";

// NODE_ENV is typed read-only; the test sets it like any other variable.
const env = process.env as Record<string, string | undefined>;
const saved = { key: process.env.REPORT_LINK_KEY, url: process.env.DATABASE_URL, nodeEnv: process.env.NODE_ENV };
afterEach(() => {
  for (const [name, value] of [
    ["REPORT_LINK_KEY", saved.key],
    ["DATABASE_URL", saved.url],
    ["NODE_ENV", saved.nodeEnv],
  ] as const) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }
});

describe("REPORT_LINK_KEY for npm start", () => {
  it("is generated once into DATA_DIR for the embedded database, readable only by its owner, and kept", async () => {
    delete process.env.REPORT_LINK_KEY;
    delete process.env.DATABASE_URL;
    env.NODE_ENV = "development";
    const dir = await mkdtemp(path.join(os.tmpdir(), "block-reports-key-"));
    const first = await ensureReportLinkKey(dir);
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(await ensureReportLinkKey(dir)).toBe(first);
    expect((await readFile(path.join(dir, "report-link-key"), "utf8")).trim()).toBe(first);
    expect((await stat(path.join(dir, "report-link-key"))).mode & 0o777).toBe(0o600);
  });

  it("is required with DATABASE_URL or in production, and taken as given", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "block-reports-key-"));
    delete process.env.REPORT_LINK_KEY;
    process.env.DATABASE_URL = "postgres://u:p@127.0.0.1:5432/db";
    await expect(ensureReportLinkKey(dir)).rejects.toThrow(/REPORT_LINK_KEY is required/);
    delete process.env.DATABASE_URL;
    env.NODE_ENV = "production";
    await expect(ensureReportLinkKey(dir)).rejects.toThrow(/REPORT_LINK_KEY is required/);
    process.env.REPORT_LINK_KEY = "an operator's key of at least 32 characters";
    await expect(ensureReportLinkKey(dir)).resolves.toBe("an operator's key of at least 32 characters");
  });
});
