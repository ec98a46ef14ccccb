import "server-only";
import { getDb, Prisma } from "@/lib/db/client";
import { queryRows } from "@/lib/db/sql";
import { z } from "zod";
import { clientLimitKey, consumeRateLimit } from "@/lib/data/rate-limit";
import { logger } from "@/lib/log";
import { blockMatchesLink, linkKey, linkRetired, type ReportLinkInput } from "@/lib/data/blocks/block-link";

export type ReportLinkOutcome = "found" | "gone" | "not_found";

/** Misses allowed per client and window before every further miss is answered with 429. */
export const REPORT_LINK_MISS_LIMIT = 20;
export const REPORT_LINK_MISS_WINDOW_SECONDS = 600;

/**
 * Which answer a link gets, without loading the report: one indexed lookup by the link
 * (lib/data/blocks/block-link.ts). Anyone may call it. It decides only which page to render; the page
 * and the JSON route check the secret again themselves.
 */
export async function checkReportLink({ publicId, secret }: ReportLinkInput): Promise<ReportLinkOutcome> {
  const key = linkKey({ publicId, secret });
  if (!key) return "not_found";
  const [row] = await queryRows(
    getDb(),
    Prisma.sql`
    SELECT EXISTS (SELECT 1 FROM block b WHERE ${blockMatchesLink("b", key)}) AS found, ${linkRetired(key)} AS retired`,
    z.object({ found: z.boolean(), retired: z.boolean() }),
  );
  if (row?.found) return "found";
  return row?.retired ? "gone" : "not_found";
}

export interface MissVerdict {
  limited: boolean;
  retryAfterSeconds: number;
}

/**
 * Counts a link that matched nothing (unknown id, wrong secret, malformed) against the
 * client, in Postgres so the limit holds across app instances. Only misses cost a write;
 * a working link is never counted. Anyone may call it; `client` is the caller's address.
 */
export async function recordReportLinkMiss(client: string): Promise<MissVerdict> {
  const result = await consumeRateLimit(
    clientLimitKey("report-link-miss", client),
    REPORT_LINK_MISS_LIMIT,
    REPORT_LINK_MISS_WINDOW_SECONDS,
  );
  // Never the id or the secret: only that a miss happened, and from where.
  logger.info(
    { event: "report_link_miss", client, misses: result.count, limited: !result.allowed },
    "report link matched no report",
  );
  return { limited: !result.allowed, retryAfterSeconds: result.retryAfterSeconds };
}
