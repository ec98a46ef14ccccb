import { createHash } from "node:crypto";

/*
 * The evidence bundle's digest must be reproducible from the stored bundle: jsonb keeps
 * its own key order, so the digest is taken over a canonical serialisation instead —
 * object keys sorted by code unit, no whitespace, dates already turned into ISO strings.
 */
function canonicalValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonicalValue);
  if (value !== null && typeof value === "object") {
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const item = (value as Record<string, unknown>)[key];
      if (item !== undefined) sorted[key] = canonicalValue(item);
    }
    return sorted;
  }
  return value;
}

export function canonicalJson(value: unknown): string {
  return JSON.stringify(canonicalValue(value));
}

/** Lower-case hex SHA-256 of the canonical serialisation. */
export function digestOf(value: unknown): string {
  return createHash("sha256").update(canonicalJson(value), "utf8").digest("hex");
}
