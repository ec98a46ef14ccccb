// `npm run apikey:revoke -- <id or prefix>`: revokes a relay API key. Writes stop at once;
// status checks on running instances stop within the key cache lifetime (10 s).
import { reportFailure, withKeyDatabase } from "./apikey/database";

const target = process.argv[2];
if (!target || process.argv.length > 3) {
  console.error("usage: npm run apikey:revoke -- <id or prefix>   (see npm run apikey:list)");
  process.exit(2);
}

await withKeyDatabase(async () => {
  const { OPERATOR } = await import("@/lib/data/callers");
  const { revokeApiKey } = await import("@/lib/data/api-keys");
  try {
    const key = await revokeApiKey(OPERATOR, { idOrPrefix: target });
    console.log(`revoked "${key.name}" (id ${key.id}, prefix ${key.prefix}) at ${key.revokedAt?.toISOString()}`);
  } catch (error) {
    reportFailure(error);
  }
});
