import { randomBytes } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";
import { DEMO_BLOCKS, demoSecret } from "@/prisma/seed/demo-content";

/** The seeded demo reports by key ("abuse-active", "spam-review", …). */
export function demoBlock(key: string) {
  const block = DEMO_BLOCKS.find((b) => b.key === key);
  if (!block) throw new Error(`no demo block ${key}`);
  return block;
}

/** Relative URL of a demo report, with its real secret. */
export function demoReportPath(key: string): string {
  const { publicId } = demoBlock(key);
  return `/?${new URLSearchParams({ id: publicId, auth: demoSecret(publicId) })}`;
}

/** A fresh client address, so a test's misses never count against another test's limit. */
export const freshClient = () => `198.18.${randomBytes(1)[0]}.${randomBytes(1)[0]}`;

export const randomSecret = () => randomBytes(32).toString("base64url");

/** Replaces every per-response nonce with a fixed marker, so two responses can be compared byte for byte. */
export function withoutNonces(text: string): string {
  const nonces = new Set(
    [...text.matchAll(/nonce-([A-Za-z0-9+/=]+)'|nonce="([^"]*)"/g)].map((m) => m[1] ?? m[2] ?? ""),
  );
  let result = text;
  for (const nonce of nonces) if (nonce) result = result.split(nonce).join("NONCE");
  return result;
}

/** A short-lived connection to the app's database (the one the e2e app serves). */
export async function withAppDb<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: inject("appDatabaseUrl") });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}
