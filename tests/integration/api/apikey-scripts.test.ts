import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, inject, it } from "vitest";
import { GET } from "@/app/api/v1/blocks/route";
import { getDb } from "@/lib/db/client";
import { apiRequest, clearApiKeyCache } from "./api-support";

const run = promisify(execFile);

/** Runs an apikey:* script the way npm does, against the test database. */
async function script(name: string, ...args: string[]) {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      ["--conditions=react-server", "--import", "tsx", `scripts/${name}.ts`, ...args],
      {
        env: { ...process.env, DATABASE_URL: inject("databaseUrl") },
      },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe("npm run apikey:create / apikey:list / apikey:revoke", () => {
  it("prints a new key once, stores only its digest, lists it and revokes it by prefix", async () => {
    const name = `relay-script-${Date.now()}`;
    const created = await script("apikey-create", "--name", name);
    expect(created.code).toBe(0);
    const key = /^\s+(brk_[A-Za-z0-9_-]{43})$/m.exec(created.stdout)?.[1];
    expect(key).toBeDefined();

    const row = await getDb().apiKey.findFirstOrThrow({ where: { name } });
    expect(JSON.stringify({ ...row, keyDigest: Buffer.from(row.keyDigest).toString("hex") })).not.toContain(
      key!.slice(4),
    );
    clearApiKeyCache();
    expect((await GET(apiRequest("/api/v1/blocks?smtpUser=nobody", { key }))).status).toBe(200);

    const listed = await script("apikey-list");
    expect(listed.stdout).toContain(name);
    expect(listed.stdout).toContain(row.prefix);
    expect(listed.stdout).not.toContain(key);

    const revoked = await script("apikey-revoke", row.prefix);
    expect(revoked.code).toBe(0);
    expect(revoked.stdout).toContain(`revoked "${name}"`);
    expect((await getDb().apiKey.findUniqueOrThrow({ where: { id: row.id } })).revokedAt).not.toBeNull();
    clearApiKeyCache();
    expect((await GET(apiRequest("/api/v1/blocks?smtpUser=nobody", { key }))).status).toBe(401);
  });

  it("fails with a usage message and a non-zero exit code", async () => {
    expect((await script("apikey-create")).code).toBe(2);
    const unknown = await script("apikey-revoke", "brk_nothing");
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("No API key matches");
  });
});
