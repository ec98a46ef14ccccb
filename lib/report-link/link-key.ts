import { env } from "@/lib/env";
import { sealingKeyFrom } from "./sealed-secret";

/*
 * REPORT_LINK_KEY: `npm start` generates one into DATA_DIR for a local run with the embedded
 * database (like the session secret); with DATABASE_URL or in production it must be set, the
 * same on every instance and on the policy service (scripts/start/secrets.ts).
 * Not exported from ./index: the browser imports report-link modules and must not get env.
 */

let cached: { material: string; key: Buffer } | undefined;

export const REPORT_LINK_KEY_MISSING =
  "REPORT_LINK_KEY is not set: report links cannot be sealed or said again (set the same value on every instance).";

/** The sealing key; throws when REPORT_LINK_KEY is unset. */
export function reportLinkKey(): Buffer {
  const material = env.REPORT_LINK_KEY;
  if (!material) throw new Error(REPORT_LINK_KEY_MISSING);
  if (cached?.material !== material) cached = { material, key: sealingKeyFrom(material) };
  return cached.key;
}
