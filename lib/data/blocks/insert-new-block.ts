import "server-only";
import { webhookOutboxInsertSql, prepareWebhookEvent } from "@/lib/data/webhooks/enqueue-webhook-event";
import { Prisma } from "@/lib/db/client";
import { queryRows, type SqlTarget } from "@/lib/db/sql";
import type { EvidenceItem } from "@/lib/evidence";
import type { BlockReason } from "@/lib/generated/prisma/enums";
import { digestSecret, generatePublicId, sealSecret, smtpReplyFor } from "@/lib/report-link";
import { reportLinkKey } from "@/lib/report-link/link-key";
import type { BlockActor } from "./actor";
import { BLOCK_COLUMNS, blockRowSchema, type BlockDto, type BlockRow, type SmtpUserRow } from "./block-dto";
import { evidenceInsertSql } from "./evidence-rows";

export interface NewBlock {
  accountId: string;
  smtpUser: SmtpUserRow;
  senderAddress: string | null;
  reason: BlockReason;
  scores: BlockDto["scores"];
  expiresAt: Date | null;
  items: EvidenceItem[];
  actor: BlockActor;
  secret: string;
  now: Date;
}

/*
 * Raw SQL, for bench:api's block creation target (docs/architecture.md, "The query rule").
 * A new block is one statement: the block, its evidence (in the order sent: each item a
 * microsecond after the previous one), its CREATED event and its block.created webhook
 * rows, as data-modifying CTEs that all hang off the inserted block. The secret is stored
 * as its digest (for lookups) and sealed under REPORT_LINK_KEY (to say the link again). One statement is
 * atomic by itself and costs one round trip, where a transaction of the same inserts costs
 * seven; on this machine each round trip is a syscall-heavy write, the largest single cost
 * of creating a block. The webhook body is built beforehand from the values inserted.
 *
 * When the target already has an open block, ON CONFLICT on the partial unique index "one
 * open block per target" inserts nothing, every CTE with it, and the result is undefined.
 */
export async function insertNewBlock(
  target: SqlTarget,
  block: NewBlock,
): Promise<{ row: BlockRow; dto: BlockDto } | undefined> {
  const publicId = generatePublicId();
  const smtpReply = smtpReplyFor(block.reason);
  const created = block.now.toISOString();
  const dto: BlockDto = {
    id: publicId,
    accountId: block.accountId,
    smtpUser: { id: block.smtpUser.id, username: block.smtpUser.username, externalId: block.smtpUser.externalId },
    senderAddress: block.senderAddress,
    reason: block.reason,
    status: "ACTIVE",
    scores: block.scores,
    escalationLevel: 1,
    attemptCount: 0,
    expiresAt: block.expiresAt?.toISOString() ?? null,
    endedAt: null,
    liftReason: null,
    smtpReply,
    createdAt: created,
    updatedAt: created,
  };
  const event = prepareWebhookEvent("block.created", { block: dto }, block.now);
  const eventData = { reason: block.reason, level: 1, scores: block.scores, evidenceItems: block.items.length };
  const { now, scores } = block;
  const rows = await queryRows(
    target,
    Prisma.sql`WITH new_block AS (
       INSERT INTO block (public_id, secret_digest, secret_sealed, account_id, smtp_user_id, sender_address, reason, spam_score,
         abuse_score, rate_score, combined_score, threshold, expires_at, smtp_reply, created_at, updated_at)
       VALUES (${publicId}, ${Buffer.from(digestSecret(block.secret))}, ${Buffer.from(sealSecret(reportLinkKey(), publicId, block.secret))},
         ${block.accountId}::uuid, ${block.smtpUser.id}::uuid, ${block.senderAddress}, ${block.reason}::block_reason,
         ${scores.spam}, ${scores.abuse}, ${scores.rate}, ${scores.combined}, ${scores.threshold}, ${block.expiresAt}::timestamptz,
         ${smtpReply}, ${now}, ${now})
       ON CONFLICT (smtp_user_id, (coalesce(lower(sender_address), ''))) WHERE status IN ('ACTIVE', 'UNDER_REVIEW')
       DO NOTHING
       RETURNING ${Prisma.raw(BLOCK_COLUMNS)}
     ), new_evidence AS (
       ${evidenceInsertSql(Prisma.sql`b.id`, Prisma.sql`b."accountId"`, block.items, now, Prisma.sql`new_block b`)}
     ), new_event AS (
       INSERT INTO event (block_id, account_id, type, actor_type, actor_id, data, created_at)
       SELECT b.id, b."accountId", 'CREATED', ${block.actor.type}::actor_type, ${block.actor.id}, ${JSON.stringify(eventData)}::jsonb, ${now}
       FROM new_block b
     ), webhooks AS (
       ${webhookOutboxInsertSql(Prisma.sql`b."accountId"`, event, now, Prisma.sql`new_block b`)}
     )
     SELECT * FROM new_block`,
    blockRowSchema,
  );
  const row = rows[0];
  return row ? { row, dto } : undefined;
}
