import "server-only";
import { getDb, Prisma } from "@/lib/db/client";
import { digestSecret, isWellFormedLink } from "@/lib/report-link";

/*
 * The one place a block is found by its report link. A link is a capability: `publicId`
 * names the block, `secret` proves the holder got it from the bounce. The secret is never
 * stored or compared: the block is found by its SHA-256 digest (unique index on
 * secret_digest), and both halves must match the same row. A malformed link matches
 * nothing and costs no query.
 *
 * Four callers, one rule:
 *   lookupBlockByLink (below)            — the sender's actions (appeals/sender-link.ts), through
 *                                          Prisma's model API;
 *   getReportByLink (reports/get-report) — the report document, one raw statement;
 *   getReportVersion (reports/report-version) — the cache check, one raw statement;
 *   checkReportLink (reports/report-link-access) — proxy.ts's 200/404/410 routing, one raw statement.
 * The raw statements are kept because bench:report counts one round trip per view
 * (BENCHMARKS.md), found or retired; they embed blockMatchesLink and linkRetired, so the
 * predicate is written once.
 */

export interface ReportLinkInput {
  publicId: string;
  secret: string;
}

/** A well-formed link as the database stores it. */
export interface LinkKey {
  publicId: string;
  digest: Uint8Array<ArrayBuffer>;
}

/** The link as the database stores it, or null for a malformed link (which matches nothing). */
export function linkKey(link: ReportLinkInput): LinkKey | null {
  return isWellFormedLink(link.publicId, link.secret)
    ? { publicId: link.publicId, digest: digestSecret(link.secret) }
    : null;
}

/** The predicate, for Prisma's model API. */
export const blockLinkWhere = (key: LinkKey) =>
  ({ publicId: key.publicId, secretDigest: key.digest }) satisfies Prisma.BlockWhereInput;

/** The predicate, for a raw statement over `block <alias>`. */
export const blockMatchesLink = (alias: string, key: LinkKey) =>
  Prisma.sql`${Prisma.raw(alias)}.secret_digest = ${key.digest} AND ${Prisma.raw(alias)}.public_id = ${key.publicId}`;

/** Whether the link's secret was rotated away (retired_secret): the page answers 410, not 404. For a raw statement. */
export const linkRetired = (key: LinkKey) => Prisma.sql`EXISTS (
      SELECT 1 FROM retired_secret r JOIN block rb ON rb.id = r.block_id
      WHERE r.secret_digest = ${key.digest} AND rb.public_id = ${key.publicId})`;

/**
 * The block a link opens, with `include`, or null (unknown id, wrong secret, retired
 * secret, malformed link alike). Anyone holding the link may call it: the secret is the
 * authority. Reads only.
 */
export async function lookupBlockByLink<Include extends Prisma.BlockInclude>(
  link: ReportLinkInput,
  include: Include,
  db: Prisma.TransactionClient = getDb(),
) {
  const key = linkKey(link);
  return key ? db.block.findFirst({ where: blockLinkWhere(key), include }) : null;
}
