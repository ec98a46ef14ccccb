import "server-only";
import { z } from "zod";
import { inTransaction, type Tx } from "@/lib/data/transaction";
import { Prisma } from "@/lib/db/client";
import { queryRows } from "@/lib/db/sql";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/log";
import { buildReportUrl, digestSecret, generateSecret, openSealedSecret, sealSecret } from "@/lib/report-link";
import { reportLinkKey } from "@/lib/report-link/link-key";
import { assertActor, type BlockActor } from "./actor";
import { insertEvent } from "./evidence-rows";

/*
 * A block's current report link, said again by the server from the sealed secret
 * (lib/report-link/sealed-secret.ts). Two kinds of block have none to give, and say so:
 *   issued_before_links_were_kept — created before the sealed secret was stored; the link
 *     sent then still works (by its digest), but only the relay's copy of it exists;
 *   sealed_under_another_key — REPORT_LINK_KEY is not the key the secret was sealed with
 *     (a misconfigured instance); logged as an error.
 * Rotating the link (rotateReportLink) gives either kind a link the server can say again.
 */
export type LinkUnavailable = "issued_before_links_were_kept" | "sealed_under_another_key";

export interface CurrentReportLink {
  /** The report URL with its secret, or null when the server cannot give it. */
  url: string | null;
  /** Why `url` is null; null when it is given. */
  unavailable: LinkUnavailable | null;
}

let lastKeyWarning = 0;

/** The link of the block with this public id and stored sealed secret. Pure apart from the key and the base URL. */
export function currentReportLink(publicId: string, sealed: Uint8Array | null): CurrentReportLink {
  if (sealed === null) return { url: null, unavailable: "issued_before_links_were_kept" };
  const secret = openSealedSecret(reportLinkKey(), publicId, sealed);
  if (secret === null) {
    // At most once a minute: on the relay's hot path a wrong key would otherwise flood the log.
    if (Date.now() - lastKeyWarning > 60_000) {
      lastKeyWarning = Date.now();
      logger.error(
        { publicId },
        "report link: the sealed secret does not open under REPORT_LINK_KEY (is it the key the other instances use?)",
      );
    }
    return { url: null, unavailable: "sealed_under_another_key" };
  }
  return { url: buildReportUrl(env.PUBLIC_BASE_URL, publicId, secret), unavailable: null };
}

/** A new secret for a block, with its digest and sealed form (both for the block row). */
export function newLinkSecret(publicId: string) {
  const secret = generateSecret();
  return {
    secret,
    digest: Buffer.from(digestSecret(secret)),
    sealed: Buffer.from(sealSecret(reportLinkKey(), publicId, secret)),
  };
}

export interface RotateReportLinkOptions {
  /** The report's public id. */
  publicId: string;
  actor: BlockActor;
  tx?: Tx;
  now?: Date;
}

/**
 * Replaces a block's report link: a new secret (sealed, so the server can say it again),
 * the old one retired so it answers 410 ("replaced by a newer link") instead of opening
 * the report, and a LINK_ROTATED event. Works for ended blocks too (their report stays
 * readable). Callers: the relay (API key) and compliance staff.
 */
export async function rotateReportLink(options: RotateReportLinkOptions): Promise<{ reportUrl: string }> {
  const now = options.now ?? new Date();
  return inTransaction(options.tx, async (tx) => {
    await assertActor(tx, options.actor);
    // A row lock (FOR UPDATE), which the model API does not take: two rotations at once
    // retire one secret each, not the same one twice.
    const [block] = await queryRows(
      tx,
      Prisma.sql`SELECT id, account_id AS "accountId", secret_digest AS "secretDigest" FROM block
       WHERE public_id = ${options.publicId} FOR UPDATE`,
      z.object({ id: z.string(), accountId: z.string(), secretDigest: z.instanceof(Uint8Array<ArrayBuffer>) }),
    );
    if (!block) throw new AppError("NOT_FOUND", "No block has this id.");
    const link = newLinkSecret(options.publicId);
    await tx.retiredSecret.create({
      data: { secretDigest: block.secretDigest, blockId: block.id, accountId: block.accountId, retiredAt: now },
    });
    await tx.block.update({
      where: { id: block.id },
      data: { secretDigest: link.digest, secretSealed: link.sealed, updatedAt: now },
    });
    await insertEvent(tx, block, { type: "LINK_ROTATED", actor: options.actor, now, data: {} });
    return { reportUrl: buildReportUrl(env.PUBLIC_BASE_URL, options.publicId, link.secret) };
  });
}
