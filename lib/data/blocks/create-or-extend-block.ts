import "server-only";
import { enqueueWebhookEvent } from "@/lib/data/webhooks/enqueue-webhook-event";
import { AppError } from "@/lib/errors";
import { parseEvidence, type EvidenceItem } from "@/lib/evidence";
import { Prisma } from "@/lib/generated/prisma/client";
import type { BlockReason } from "@/lib/generated/prisma/enums";
import { digestSecret, generatePublicId, generateSecret, smtpReplyFor } from "@/lib/report-link";
import { assertActor, type BlockActor } from "./actor";
import { BLOCK_COLUMNS, toBlockDto, type BlockDto, type BlockRow, type SmtpUserRow } from "./block-dto";
import { expireBlocks } from "./expire-block";
import { resolveSmtpUser, type SmtpUserRef } from "./resolve-smtp-user";
import { inTransaction, type Tx } from "./transaction";
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
  tx?: Tx;
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
  return inTransaction(options.tx, async (tx) => {
    await assertActor(tx, options.actor);
    const smtpUser = await resolveSmtpUser(tx, options.accountId, options.smtpUser);
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const secret = generateSecret();
      const [created] = await insertBlock(tx, options, smtpUser, expiresAt, secret);
      if (created) return recordCreation(tx, options, created, smtpUser, items, secret, now);
      const open = await findOpenBlock(tx, smtpUser.id, options.senderAddress ?? null);
      if (!open) continue; // it ended between the two statements: try the insert again
      if (open.expiresAt !== null && open.expiresAt <= now) {
        await expireBlocks(tx, [open.id], now);
        continue;
      }
      return recordExtension(tx, options, open, smtpUser, items, stricterExpiry(open.expiresAt, expiresAt), now);
    }
    throw new AppError("CONFLICT", "The sender's block changed repeatedly while recording; retry.");
  });
}

function insertBlock(tx: Tx, o: CreateBlockOptions, smtpUser: SmtpUserRow, expiresAt: Date | null, secret: string) {
  // ON CONFLICT names the partial unique index "one open block per target", so a second
  // detection becomes "extend the open block" instead of an error that aborts the transaction.
  return tx.$queryRaw<BlockRow[]>`
    INSERT INTO block (public_id, secret_digest, account_id, smtp_user_id, sender_address, reason, spam_score,
      abuse_score, rate_score, combined_score, threshold, expires_at, smtp_reply)
    VALUES (${generatePublicId()}, ${digestSecret(secret)}, ${o.accountId}::uuid, ${smtpUser.id}::uuid,
      ${o.senderAddress ?? null}, ${o.reason}::block_reason, ${o.scores.spam}, ${o.scores.abuse}, ${o.scores.rate},
      ${o.scores.combined}, ${o.scores.threshold}, ${expiresAt}, ${smtpReplyFor(o.reason)})
    ON CONFLICT (smtp_user_id, (coalesce(lower(sender_address), ''))) WHERE status IN ('ACTIVE', 'UNDER_REVIEW')
    DO NOTHING
    RETURNING ${Prisma.raw(BLOCK_COLUMNS)}`;
}

async function findOpenBlock(tx: Tx, smtpUserId: string, senderAddress: string | null): Promise<BlockRow | undefined> {
  const rows = await tx.$queryRaw<BlockRow[]>`
    SELECT ${Prisma.raw(BLOCK_COLUMNS)} FROM block
    WHERE smtp_user_id = ${smtpUserId}::uuid AND coalesce(lower(sender_address), '') = coalesce(lower(${senderAddress}::text), '')
      AND status IN ('ACTIVE', 'UNDER_REVIEW')
    FOR UPDATE`;
  return rows[0];
}

function evidenceRows(block: BlockRow, items: EvidenceItem[], now: Date): Prisma.EvidenceCreateManyInput[] {
  return items.map((item) => ({
    blockId: block.id, accountId: block.accountId, kind: item.kind, createdAt: now,
    observedFrom: new Date(item.window.from), observedTo: new Date(item.window.to), data: item as Prisma.InputJsonValue,
  }));
}

async function recordCreation(tx: Tx, o: CreateBlockOptions, block: BlockRow, smtpUser: SmtpUserRow, items: EvidenceItem[], secret: string, now: Date): Promise<CreateBlockResult> {
  await tx.evidence.createMany({ data: evidenceRows(block, items, now) });
  await tx.event.create({
    data: {
      blockId: block.id, accountId: block.accountId, type: "CREATED", actorType: o.actor.type, actorId: o.actor.id,
      data: { reason: o.reason, level: 1, scores: o.scores, evidenceItems: items.length }, createdAt: now,
    },
  });
  const dto = toBlockDto(block, smtpUser);
  await enqueueWebhookEvent(tx, block.accountId, "block.created", { block: { ...dto } }, now);
  return { created: true, secret, block: dto, evidenceAdded: items.length };
}

async function recordExtension(tx: Tx, o: CreateBlockOptions, open: BlockRow, smtpUser: SmtpUserRow, items: EvidenceItem[], expiresAt: Date | null, now: Date): Promise<CreateBlockResult> {
  const [updated] = await tx.$queryRaw<BlockRow[]>`
    UPDATE block SET expires_at = ${expiresAt}, updated_at = ${now} WHERE id = ${open.id}::uuid
    RETURNING ${Prisma.raw(BLOCK_COLUMNS)}`;
  if (!updated) throw new Error(`block ${open.publicId} vanished while locked`);
  await tx.evidence.createMany({ data: evidenceRows(updated, items, now) });
  await tx.event.create({
    data: {
      blockId: open.id, accountId: open.accountId, type: "EVIDENCE_ADDED", actorType: o.actor.type, actorId: o.actor.id,
      data: { reason: o.reason, scores: o.scores, evidenceItems: items.length, expiresAt: expiresAt?.toISOString() ?? null }, createdAt: now,
    },
  });
  return { created: false, secret: null, block: toBlockDto(updated, smtpUser), evidenceAdded: items.length };
}
