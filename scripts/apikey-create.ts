// `npm run apikey:create -- --name relay-1`: issues a relay API key and prints it once.
// Only its SHA-256 digest is stored; a lost key cannot be shown again, only replaced.
import { parseArgs } from "node:util";
import { reportFailure, withKeyDatabase } from "./apikey/database";

const { values } = parseArgs({ options: { name: { type: "string" } }, strict: true });
if (!values.name) {
  console.error("usage: npm run apikey:create -- --name <name>");
  process.exit(2);
}

await withKeyDatabase(async (where) => {
  const { OPERATOR } = await import("@/lib/data/callers");
  const { createApiKey } = await import("@/lib/data/api-keys");
  try {
    const created = await createApiKey(OPERATOR, { name: values.name! });
    console.log(`API key "${created.name}" created in ${where} (id ${created.id}, prefix ${created.prefix}).`);
    console.log("Store it now; it is not shown again:\n");
    console.log(`  ${created.key}\n`);
    console.log("Use it as:  Authorization: Bearer <key>");
  } catch (error) {
    reportFailure(error);
  }
});
