// `npm run apikey:list`: every relay API key, without the keys themselves.
import { withKeyDatabase } from "./apikey/database";

await withKeyDatabase(async (where) => {
  const { OPERATOR } = await import("@/lib/data/callers");
  const { listApiKeys } = await import("@/lib/data/api-keys");
  const keys = await listApiKeys(OPERATOR);
  console.log(`${keys.length} API key(s) in ${where}`);
  for (const key of keys) {
    const state = key.revokedAt ? `revoked ${key.revokedAt.toISOString()}` : "active";
    console.log(`  ${key.prefix}…  ${key.id}  ${key.name.padEnd(24)} created ${key.createdAt.toISOString()}  ${state}`);
  }
});
