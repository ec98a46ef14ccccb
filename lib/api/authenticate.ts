import "server-only";
import { findActiveApiKey, type VerifiedApiKey } from "@/lib/data/api-keys";
import { ApiError } from "./api-error";
import { digestApiKey, readBearerKey } from "./api-key-format";

export interface ApiPrincipal extends VerifiedApiKey {
  /** The presented key in clear. Kept only for the request, to derive per-key secrets (idempotency). */
  key: string;
}

/*
 * Verified keys are cached in this process for API_KEY_CACHE_MS, keyed by digest, so the
 * status check (thousands of requests a second) does not pay a database round trip each
 * time. The data functions check the key again themselves (listActiveBlocks in its batched
 * statement, the block writes and the webhook endpoints before they act), so a revoked key is refused at once; the cache
 * only decides between 401 and 403 for that long.
 * Unknown keys are cached too (as misses), so a flood of bad keys does not reach Postgres.
 * Both maps are bounded; the oldest entry goes first.
 */
export const API_KEY_CACHE_MS = 10_000;
const MAX_ENTRIES = 1000;

interface CacheEntry {
  key: VerifiedApiKey | null;
  expiresAt: number;
}

const cache = new Map<string, CacheEntry>();

function remember(digest: string, key: VerifiedApiKey | null, now: number) {
  if (cache.size >= MAX_ENTRIES) {
    const oldest = cache.keys().next();
    if (!oldest.done) cache.delete(oldest.value);
  }
  cache.set(digest, { key, expiresAt: now + API_KEY_CACHE_MS });
}

/** Forgets every cached verification (tests and key revocation in this process). */
export function clearApiKeyCache(): void {
  cache.clear();
}

const unauthorized = () =>
  new ApiError(401, "UNAUTHORIZED", "Send a valid API key as `Authorization: Bearer <key>`.", "Authorization");

/** The API key presented with the request, verified; throws a 401 ApiError otherwise. */
export function authenticate(request: Request): Promise<ApiPrincipal> {
  return authenticateBearer(request.headers.get("authorization"));
}

/** As authenticate, from the Authorization header's value (the front server's fast path has no Request). */
export async function authenticateBearer(authorization: string | null): Promise<ApiPrincipal> {
  const key = readBearerKey(authorization);
  if (!key) throw unauthorized();
  const digest = digestApiKey(key);
  const cacheKey = Buffer.from(digest).toString("base64");
  const now = Date.now();
  const cached = cache.get(cacheKey);
  let verified: VerifiedApiKey | null;
  if (cached && cached.expiresAt > now) {
    verified = cached.key;
  } else {
    cache.delete(cacheKey);
    verified = await findActiveApiKey(digest);
    remember(cacheKey, verified, now);
  }
  if (!verified) throw unauthorized();
  return { ...verified, key };
}
