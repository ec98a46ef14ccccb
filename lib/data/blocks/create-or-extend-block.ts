import "server-only";
import { inSqlTransaction, type SqlTx, type TxOption } from "@/lib/data/sql-tx";
import { enqueueWebhookEvent } from "@/lib/data/webhooks/enqueue-webhook-event";
import { AppError } from "@/lib/errors";
import { parseEvidence, type EvidenceItem } from "@/lib/evidence";
import type { BlockReason } from "@/lib/generated/prisma/enums";
import { digestSecret, generatePublicId, generateSecret, smtpReplyFor } from "@/lib/report-link";
import { assertActor, type BlockActor } from "./actor";
import { BLOCK_COLUMNS, toBlockDto, type BlockDto, type BlockRow, type SmtpUserRow } from "./block-dto";
import { insertEvidenceWithEvent } from "./evidence-rows";
import { expireBlocks } from "./expire-block";
import { resolveSmtpUser, type SmtpUserRef } from "./resolve-smtp-user";
import { validateExpiry } from "./validate-expiry";

export interface CreateBlockOptions {
  accountId: string;
  smtpUser: SmtpUserRef;
  /** Block one sender address under the SMTP user; absent: the whole SMTP user. */
  senderAddress?: string | null | undefined;
  reason: BlockReason;
  scores: { spam: number; abuse: number; rate: number; combined: number; threshold: number };
  /** Validated and recipient-redacted here (lib/evidence parseEvidence) before storage. */
  evidence: unknown;
  /** null or absent: until reviewed. */
  expiresAt?: Date | null | undefined;
  actor: BlockActor;
  tx?: TxOption;
  now?: Date;
}

export interface CreateBlockResult {
  /** false: the target already had an open block, which received the evidence instead. */
  created: boolean;
  /** The report secret in clear, only when the block was created now. It is never stored. */
  secret: string | null;
  block: BlockDto;
  evidenceAdded: number;
}

function parseItems(input: unknown): EvidenceItem[] {
  const parsed = parseEvidence(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = ["evidence", ...(issue?.path ?? [])].join(".");
    throw new AppError("INVALID", `${field}: ${issue?.message ?? "invalid evidence"}`, { field });
  }
  if (parsed.data.length === 0) throw new AppError("INVALID", "evidence: at least one item is required", { field: "evidence" });
  return parsed.data;
}

/** The stricter of two expiries: "until reviewed" (null) beats any date; otherwise the later date. */
const stricterExpiry = (a: Date | null, b: Date | null) => (a === null || b === null ? null : a > b ? a : b);

/**
 * Records a detection. Creates the block, its evidence, a CREATED event and the
 * `block.created` webhooks, and returns the new report secret once. When the target (SMTP
 * user, or sender address under it) already has an open block, the evidence is added to
 * that block instead (EVIDENCE_ADDED; expiry becomes the stricter of the two) and no
 * secret is returned: it exists only as a digest, and minting a new one would break the
 * links already sent in bounces. Callers: the relay (API key) and staff.
 */
export async function createOrExtendBlock(options: CreateBlockOptions): Promise<CreateBlockResult> {
  const now = options.now ?? new Date();
  const items = parseItems(options.evidence);
  const expiresAt = validateExpiry(options.expiresAt ?? null, now);
  return inSqlTransaction(options.tx, async (sql) => {
    await assertActor(sql, options.actor);
    const smtpUser = await resolveSmtpUser(sql, options.accountId, options.smtpUser);
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const secret = generateSecret();
      const [created] = await insertBlock(sql, options, smtpUser, expiresAt, secret);
      if (created) return recordCreation(sql, options, created, smtpUser, items, secret, now);
      const open = await findOpenBlock(sql, smtpUser.id, options.senderAddress ?? null);
      if (!open) continue; // it ended between the two statements: try the insert again
      if (open.expiresAt !== null && open.expiresAt <= now) {
        await expireBlocks(sql, [open.id], now);
        continue;
      }
      return recordExtension(sql, options, open, smtpUser, items, stricterExpiry(open.expiresAt, expiresAt), now);
    }
    throw new AppError("CONFLICT", "The sender's block changed repeatedly while recording; retry.");
  });
}

function insertBlock(sql: SqlTx, o: CreateBlockOptions, smtpUser: SmtpUserRow, expiresAt: Date | null, secret: string) {
  // ON CONFLICT names the partial unique index "one open block per target", so a second
  // detection becomes "extend the open block" instead of an error that aborts the transaction.
  return sql.query<BlockRow>(
    `INSERT INTO block (public_id, secret_digest, account_id, smtp_user_id, sender_address, reason, spam_score,
       abuse_score, rate_score, combined_score, threshold, expires_at, smtp_reply, created_at, updated_at)
     VALUES ($1, $2, $3::uuid, $4::uuid, $5, $6::block_reason, $7, $8, $9, $10, $11, $12, $13, $14, $14)
     ON CONFLICT (smtp_user_id, (coalesce(lower(sender_address), ''))) WHERE status IN ('ACTIVE', 'UNDER_REVIEW')
     DO NOTHING
     RETURNING ${BLOCK_COLUMNS}`,
    [generatePublicId(), Buffer.from(digestSecret(secret)), o.accountId, smtpUser.id, o.senderAddress ?? null, o.reason,
      o.scores.spam, o.scores.abuse, o.scores.rate, o.scores.combined, o.scores.threshold, expiresAt, smtpReplyFor(o.reason), o.now ?? new Date()],
  );
}

async function findOpenBlock(sql: SqlTx, smtpUserId: string, senderAddress: string | null): Promise<BlockRow | undefined> {
  const [row] = await sql.query<BlockRow>(
    `SELECT ${BLOCK_COLUMNS} FROM block
     WHERE smtp_user_id = $1::uuid AND coalesce(lower(sender_address), '') = coalesce(lower($2::text), '')
       AND status IN ('ACTIVE', 'UNDER_REVIEW')
     FOR UPDATE`,
    [smtpUserId, senderAddress],
  );
  return row;
}

async function recordCreation(sql: SqlTx, o: CreateBlockOptions, block: BlockRow, smtpUser: SmtpUserRow, items: EvidenceItem[], secret: string, now: Date): Promise<CreateBlockResult> {
  await insertEvidenceWithEvent(sql, block, items, {
    type: "CREATED", actor: o.actor, now, data: { reason: o.reason, level: 1, scores: o.scores, evidenceItems: items.length },
  });
  const dto = toBlockDto(block, smtpUser);
  await enqueueWebhookEvent(sql, block.accountId, "block.created", { block: dto }, now);
  return { created: true, secret, block: dto, evidenceAdded: items.length };
}

async function recordExtension(sql: SqlTx, o: CreateBlockOptions, open: BlockRow, smtpUser: SmtpUserRow, items: EvidenceItem[], expiresAt: Date | null, now: Date): Promise<CreateBlockResult> {
  const [updated] = await sql.query<BlockRow>(
    `UPDATE block SET expires_at = $2, updated_at = $3 WHERE id = $1::uuid RETURNING ${BLOCK_COLUMNS}`,
    [open.id, expiresAt, now],
  );
  if (!updated) throw new Error(`block ${open.publicId} vanished while locked`);
  await insertEvidenceWithEvent(sql, updated, items, {
    type: "EVIDENCE_ADDED", actor: o.actor, now,
    data: { reason: o.reason, scores: o.scores, evidenceItems: items.length, expiresAt: expiresAt?.toISOString() ?? null },
  });
  return { created: false, secret: null, block: toBlockDto(updated, smtpUser), evidenceAdded: items.length };
}
