import { randomBytes } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";

/** A secret for local runs, generated once and kept under DATA_DIR (mode 0600). */
async function ensureLocalSecret(dataDir: string, name: string): Promise<string> {
  const file = path.join(dataDir, name);
  try {
    return (await readFile(file, "utf8")).trim();
  } catch {
    await mkdir(dataDir, { recursive: true });
    const secret = randomBytes(32).toString("base64url");
    await writeFile(file, secret, { mode: 0o600 });
    return secret;
  }
}

/** A session-signing secret for local runs, generated once and kept under .data/. */
export function ensureAuthSecret(dataDir: string): Promise<string> {
  return ensureLocalSecret(dataDir, "auth-secret");
}

/*
 * REPORT_LINK_KEY seals report secrets (lib/report-link/sealed-secret.ts). For a local run
 * on the embedded database it is generated once into DATA_DIR, next to that database. With
 * DATABASE_URL or NODE_ENV=production it must be given: every instance and the policy
 * service must share one key, and a key generated on one machine would leave the others
 * unable to say any link again.
 */
export async function ensureReportLinkKey(dataDir: string): Promise<string> {
  const given = process.env.REPORT_LINK_KEY;
  if (given) return given;
  if (process.env.DATABASE_URL || process.env.NODE_ENV === "production") {
    throw new Error(
      "REPORT_LINK_KEY is required with DATABASE_URL or NODE_ENV=production (at least 32 characters, e.g. `openssl rand -base64 32`; the same on every instance)",
    );
  }
  return ensureLocalSecret(dataDir, "report-link-key");
}
