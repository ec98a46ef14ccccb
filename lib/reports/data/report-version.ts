import "server-only";
import { env } from "@/lib/env";
import { Prisma } from "@/lib/db/client";
import {
  blockMatchesLink,
  linkKey,
  linkRetired,
  type LinkKey,
  type ReportLinkInput,
} from "@/lib/data/blocks/block-link";
import { queryRows } from "@/lib/db/sql";
import { z } from "zod";
import { reviewTimesBucket } from "@/lib/reports/review-timeline";

export type ReportVersion =
  /**
   * `version` changes whenever anything the report page shows changes in the database;
   * `changesAt` is the next moment the page changes by the clock alone (the block's
   * expiry, the end of a review cooldown), or null.
   */
  { outcome: "found"; version: string; changesAt: Date | null } | { outcome: "gone" } | { outcome: "not_found" };

/*
 * One statement, the block found by its link as everywhere (lib/data/blocks/block-link.ts). The
 * version hashes whole rows rather than trusting every writer to bump updated_at: the
 * block row, every appeal row and every case row; for the append-only tables (the database
 * refuses updates there) the newest event id, the evidence count, the messages on the
 * block's appeals and the messages on its cases the sender sees (the conversation; internal
 * notes are left out).
 * The SMTP user's name is shown too, and the review-time statistics are named by their
 * clock bucket (review-times.ts). The retired-secret probe only runs on a miss.
 * When the report page starts showing anything else from the database, it must be added
 * here, or cached copies of the page (lib/report-cache) will not notice it change:
 * tests/integration/reports/report-version-coverage.test.ts changes every column and adds
 * a row to every table of a report, and fails on any change the version misses.
 */
const statement = (key: LinkKey) => Prisma.sql`
  WITH b AS (
    SELECT blk.id, blk.expires_at, md5(blk::text) AS block_hash, u.username
    FROM block blk JOIN smtp_user u ON u.id = blk.smtp_user_id
    WHERE ${blockMatchesLink("blk", key)}
  ), la AS (
    SELECT a.id, a.status::text AS status, a.decided_at, md5(a::text) AS appeal_hash
    FROM appeal a JOIN b ON a.block_id = b.id
    ORDER BY a.created_at DESC, a.id DESC LIMIT 1
  )
  SELECT
    b.id IS NOT NULL AS found,
    concat_ws('|', b.block_hash, md5(b.username),
      (SELECT max(e.id) FROM event e WHERE e.block_id = b.id),
      (SELECT count(*) FROM evidence ev WHERE ev.block_id = b.id),
      la.appeal_hash,
      (SELECT md5(string_agg(md5(a::text), ',' ORDER BY a.id)) FROM appeal a WHERE a.block_id = b.id),
      (SELECT count(*) FROM appeal_message m JOIN appeal a ON a.id = m.appeal_id WHERE a.block_id = b.id),
      (SELECT md5(string_agg(md5(c::text), ',' ORDER BY c.id)) FROM compliance_case c WHERE c.block_id = b.id),
      (SELECT count(*) FROM case_message cm JOIN compliance_case c ON c.id = cm.case_id
        WHERE c.block_id = b.id AND NOT cm.internal)) AS version,
    b.expires_at, la.status AS appeal_status, la.decided_at AS appeal_decided_at,
    b.id IS NULL AND ${linkRetired(key)} AS retired
  FROM (SELECT) AS one LEFT JOIN b ON true LEFT JOIN la ON true`;

const versionRow = z.object({
  found: z.boolean(),
  version: z.string(),
  expires_at: z.date().nullable(),
  appeal_status: z.string().nullable(),
  appeal_decided_at: z.date().nullable(),
  retired: z.boolean(),
});
type VersionRow = z.infer<typeof versionRow>;

const HOUR = 3_600_000;

function nextClockChange(row: VersionRow, now: Date): Date | null {
  const cooldownEnds =
    row.appeal_status === "DENIED" && row.appeal_decided_at
      ? new Date(row.appeal_decided_at.getTime() + env.APPEAL_COOLDOWN_HOURS * HOUR)
      : null;
  const future = [row.expires_at, cooldownEnds].filter((at): at is Date => at !== null && at > now);
  return future.length ? new Date(Math.min(...future.map((at) => at.getTime()))) : null;
}

/**
 * Which answer a report link gets, and for a working link the version of everything its
 * page shows: one database round trip. Anyone may call it; the secret is the authority,
 * checked by its digest exactly as getReportByLink does. Reads only.
 */
export async function getReportVersion(
  { publicId, secret }: ReportLinkInput,
  now = new Date(),
): Promise<ReportVersion> {
  const key = linkKey({ publicId, secret });
  if (!key) return { outcome: "not_found" };
  // On the view pool, not Prisma's (bench:report: Prisma's per-query CPU would cap views).
  // Named: each pooled connection parses and plans the statement once.
  const [row] = await queryRows("view", statement(key), versionRow, "report-version");
  if (row?.found)
    return {
      outcome: "found",
      version: `${row.version}|t${reviewTimesBucket(now)}`,
      changesAt: nextClockChange(row, now),
    };
  return row?.retired ? { outcome: "gone" } : { outcome: "not_found" };
}
