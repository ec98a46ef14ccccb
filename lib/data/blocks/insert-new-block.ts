import "server-only";
import type { SqlTx } from "@/lib/data/sql-tx";
import { prepareWebhookEvent, webhookOutboxInsertSql } from "@/lib/data/webhooks/enqueue-webhook-event";
import type { EvidenceItem } from "@/lib/evidence";
import type { BlockReason } from "@/lib/generated/prisma/enums";
import { digestSecret, generatePublicId, sealSecret, smtpReplyFor } from "@/lib/report-link";
import { reportLinkKey } from "@/lib/report-link/link-key";
import { ALL_WEBHOOK_EVENTS } from "@/lib/webhooks/events";
import type { BlockActor } from "./actor";
import { BLOCK_COLUMNS, type BlockDto, type BlockRow, type SmtpUserRow } from "./block-dto";

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
  sql: SqlTx,
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
  const rows = await sql.query<BlockRow>(
    `WITH new_block AS (
       INSERT INTO block (public_id, secret_digest, secret_sealed, account_id, smtp_user_id, sender_address, reason, spam_score,
         abuse_score, rate_score, combined_score, threshold, expires_at, smtp_reply, created_at, updated_at)
       VALUES ($1, $2, $23, $3::uuid, $4::uuid, $5, $6::block_reason, $7, $8, $9, $10, $11, $12, $13, $14, $14)
       ON CONFLICT (smtp_user_id, (coalesce(lower(sender_address), ''))) WHERE status IN ('ACTIVE', 'UNDER_REVIEW')
       DO NOTHING
       RETURNING ${BLOCK_COLUMNS}
     ), new_evidence AS (
       INSERT INTO evidence (block_id, account_id, kind, observed_from, observed_to, data, created_at)
       SELECT b.id, b."accountId", (item->>'kind')::evidence_kind, (item->'window'->>'from')::timestamptz,
         (item->'window'->>'to')::timestamptz, item, $14::timestamptz + (position - 1) * interval '1 microsecond'
       FROM new_block b, jsonb_array_elements($15::jsonb) WITH ORDINALITY AS list(item, position)
     ), new_event AS (
       INSERT INTO event (block_id, account_id, type, actor_type, actor_id, data, created_at)
       SELECT b.id, b."accountId", 'CREATED', $16::actor_type, $17, $18::jsonb, $14 FROM new_block b
     ), webhooks AS (
       ${webhookOutboxInsertSql('b."accountId"', { id: "$19", type: "$20", body: "$21", now: "$14", wildcard: "$22" }, "new_block b")}
     )
     SELECT * FROM new_block`,
    [
      publicId,
      Buffer.from(digestSecret(block.secret)),
      block.accountId,
      block.smtpUser.id,
      block.senderAddress,
      block.reason,
      block.scores.spam,
      block.scores.abuse,
      block.scores.rate,
      block.scores.combined,
      block.scores.threshold,
      block.expiresAt,
      smtpReply,
      block.now,
      JSON.stringify(block.items),
      block.actor.type,
      block.actor.id,
      JSON.stringify(eventData),
      event.id,
      event.type,
      event.body,
      ALL_WEBHOOK_EVENTS,
      Buffer.from(sealSecret(reportLinkKey(), publicId, block.secret)),
    ],
  );
  const row = rows[0];
  return row ? { row, dto } : undefined;
}
