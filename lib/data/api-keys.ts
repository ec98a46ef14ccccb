import "server-only";
import { generateApiKey } from "@/lib/api/api-key-format";
import { assertSystemCaller, type SystemCaller } from "@/lib/data/callers";
import { isUuid } from "@/lib/data/ids";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

/*
 * The relay's credentials. API keys are relay-wide (the schema has no account on a key):
 * the relay already acts for every account it serves. Issued and revoked only by an
 * operator on the server (npm run apikey:*), never over HTTP.
 */

export interface ApiKeySummary {
  id: string;
  name: string;
  prefix: string;
  createdAt: Date;
  revokedAt: Date | null;
}

export interface VerifiedApiKey {
  id: string;
  name: string;
}

const SUMMARY = { id: true, name: true, prefix: true, createdAt: true, revokedAt: true } as const;

/**
 * Creates a key and returns it in clear exactly once; only its digest is stored.
 * Operator only (scripts/apikey-create.ts).
 */
export async function createApiKey(
  operator: SystemCaller,
  { name }: { name: string },
): Promise<ApiKeySummary & { key: string }> {
  assertSystemCaller(operator);
  const trimmed = name.trim();
  if (trimmed.length < 1 || trimmed.length > 100)
    throw new AppError("INVALID", "The key name must be 1 to 100 characters.");
  const generated = generateApiKey();
  const row = await getDb().apiKey.create({
    data: { name: trimmed, prefix: generated.prefix, keyDigest: generated.digest },
    select: SUMMARY,
  });
  return { ...row, key: generated.key };
}

/**
 * Revokes a key by id or by its display prefix. Operator only. Instances that cached the
 * key stop accepting it within the cache lifetime (lib/api/authenticate.ts).
 */
export async function revokeApiKey(
  operator: SystemCaller,
  { idOrPrefix }: { idOrPrefix: string },
): Promise<ApiKeySummary> {
  assertSystemCaller(operator);
  const matches = await getDb().apiKey.findMany({
    where: isUuid(idOrPrefix) ? { id: idOrPrefix } : { prefix: idOrPrefix },
    select: SUMMARY,
  });
  if (matches.length === 0) throw new AppError("NOT_FOUND", `No API key matches ${idOrPrefix}.`);
  if (matches.length > 1)
    throw new AppError("CONFLICT", `${matches.length} keys share the prefix ${idOrPrefix}; revoke by id.`);
  const [match] = matches as [ApiKeySummary];
  if (match.revokedAt) return match;
  return getDb().apiKey.update({ where: { id: match.id }, data: { revokedAt: new Date() }, select: SUMMARY });
}

/** Every key, newest first, without digests. Operator only. */
export async function listApiKeys(operator: SystemCaller): Promise<ApiKeySummary[]> {
  assertSystemCaller(operator);
  return getDb().apiKey.findMany({ select: SUMMARY, orderBy: { createdAt: "desc" } });
}

/**
 * The unrevoked key with this digest, or null. Called by the API layer's authentication
 * for every request (behind its short cache); the caller is whoever presents the key, and
 * the key (its digest) is its own authority, as a report link's secret is.
 */
export async function findActiveApiKey(digest: Uint8Array<ArrayBuffer>): Promise<VerifiedApiKey | null> {
  return getDb().apiKey.findFirst({
    where: { keyDigest: digest, revokedAt: null },
    select: { id: true, name: true },
  });
}
