import type { z } from "zod";
import { redactRecipients } from "./redact";
import { evidenceItemSchema, evidenceListSchema, type EvidenceItem } from "./schema";

/*
 * Postgres jsonb rejects U+0000 and unpaired surrogates, so a hostile sample containing
 * them would make the whole block fail to save. They are replaced with U+FFFD instead of
 * being rejected: the rest of the evidence is still worth keeping.
 */
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function toStorable<T>(value: T): T {
  if (typeof value === "string") return value.replace(UNSTORABLE, "\uFFFD") as T;
  if (Array.isArray(value)) return value.map(toStorable) as T;
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toStorable(v)])) as T;
  }
  return value;
}

const ingest = (item: EvidenceItem): EvidenceItem => toStorable(redactRecipients(item));

/**
 * Ingestion entry point for a block's evidence list (API bodies, seed, stored JSON):
 * validates, redacts recipient addresses and makes strings storable. Idempotent, so it is
 * also safe on evidence read back from the database.
 */
export function parseEvidence(input: unknown): z.ZodSafeParseResult<EvidenceItem[]> {
  const result = evidenceListSchema.safeParse(input);
  return result.success ? { success: true, data: result.data.map(ingest) } : result;
}

/** As {@link parseEvidence}, for a single item. */
export function parseEvidenceItem(input: unknown): z.ZodSafeParseResult<EvidenceItem> {
  const result = evidenceItemSchema.safeParse(input);
  return result.success ? { success: true, data: ingest(result.data) } : result;
}
