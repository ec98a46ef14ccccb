import "server-only";
import { inTransaction, type Tx } from "@/lib/data/transaction";
import { Prisma } from "@/lib/db/client";
import { queryRows, type SqlTarget } from "@/lib/db/sql";
import { AppError } from "@/lib/errors";
import { parseEvidence, type EvidenceItem } from "@/lib/evidence";
import type { BlockReason } from "@/lib/generated/prisma/enums";
import { generateSecret } from "@/lib/report-link";
import { z } from "zod";
import type { BlockActor } from "./actor";
import {
  BLOCK_COLUMNS,
  BLOCK_WITH_USER_SELECT,
  blockRowSchema,
  toBlockDto,
  type BlockDto,
  type BlockRow,
} from "./block-dto";
import { insertEvidenceWithEvent } from "./evidence-rows";
import { expireBlocks } from "./expire-block";
import { insertNewBlock, type NewBlock } from "./insert-new-block";
import { currentReportLink, type CurrentReportLink } from "./report-links";
import { resolveSmtpUser, type SmtpUserRef } from "./resolve-smtp-user";
import { isStorableText, UNSTORABLE_TEXT_MESSAGE } from "./storable-text";
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
  /** The report secret in clear, only when the block was created now. It is stored only as a digest and sealed. */
  secret: string | null;
  /** For an existing block: its current link, said again from the sealed secret (null url when it cannot be). */
  currentLink: CurrentReportLink | null;
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
  if (parsed.data.length === 0)
    throw new AppError("INVALID", "evidence: at least one item is required", { field: "evidence" });
  return parsed.data;
}

/** The stricter of two expiries: "until reviewed" (null) beats any date; otherwise the later date. */
const stricterExpiry = (a: Date | null, b: Date | null) => (a === null || b === null ? null : a > b ? a : b);

type Detection = Omit<NewBlock, "secret">;

/**
 * Records a detection. Creates the block, its evidence, a CREATED event and the
 * `block.created` webhooks, and returns the new report secret. When the target (SMTP user,
 * or sender address under it) already has an open block, the evidence is added to that
 * block instead (EVIDENCE_ADDED; expiry becomes the stricter of the two) and its current
 * link is said again from the sealed secret (a new one would break the links already sent
 * in bounces). An open block already past its expiry is expired first
 * and a new one opened. Callers: the relay (API key) and staff.
 *
 * The common case, a new block for a known SMTP user, takes two raw statements on the
 * relay's pool and no explicit transaction: the actor check with the user lookup, then the
 * block with everything that belongs to it (insert-new-block.ts), each atomic on its own
 * (bench:api's creation target; the model API's transaction of the same rows misses it).
 * Extending an open block is a Prisma transaction.
 */
export async function createOrExtendBlock(options: CreateBlockOptions): Promise<CreateBlockResult> {
  const texts = {
    "smtpUser.username": options.smtpUser.username,
    "smtpUser.externalId": options.smtpUser.externalId,
    senderAddress: options.senderAddress,
  };
  for (const [field, text] of Object.entries(texts)) {
    if (typeof text === "string" && !isStorableText(text))
      throw new AppError("INVALID", `${field}: ${UNSTORABLE_TEXT_MESSAGE}`, { field });
  }
  const now = options.now ?? new Date();
  const items = parseItems(options.evidence);
  const requestedExpiry = validateExpiry(options.expiresAt ?? null, now);
  const target: SqlTarget = options.tx ?? "relay";
  const smtpUser = await resolveSmtpUser(target, options.accountId, options.smtpUser, options.actor);
  const detection: Detection = {
    accountId: options.accountId,
    smtpUser,
    senderAddress: options.senderAddress ?? null,
    reason: options.reason,
    scores: options.scores,
    expiresAt: requestedExpiry,
    items,
    actor: options.actor,
    now,
  };
  const created = await createBlock(target, detection);
  if (created) return created;
  return inTransaction(options.tx, (tx) => extendOpenBlock(tx, detection));
}

async function createBlock(target: SqlTarget, detection: Detection): Promise<CreateBlockResult | undefined> {
  const secret = generateSecret();
  const inserted = await insertNewBlock(target, { ...detection, secret });
  if (!inserted) return undefined;
  return {
    created: true,
    secret,
    currentLink: null,
    block: toBlockDto(inserted.row, detection.smtpUser),
    evidenceAdded: detection.items.length,
  };
}

const openBlockRow = blockRowSchema.extend({ secretSealed: z.instanceof(Uint8Array).nullable() });
type OpenBlock = z.output<typeof openBlockRow>;

async function extendOpenBlock(tx: Tx, detection: Detection): Promise<CreateBlockResult> {
  for (let attempt = 0; attempt < 3; attempt += 1) {
    // A row lock (FOR UPDATE), which the model API does not take: concurrent detections
    // for the same target add their evidence one after the other.
    const [open] = await queryRows(
      tx,
      Prisma.sql`SELECT ${Prisma.raw(BLOCK_COLUMNS)}, secret_sealed AS "secretSealed" FROM block
       WHERE smtp_user_id = ${detection.smtpUser.id}::uuid
         AND coalesce(lower(sender_address), '') = coalesce(lower(${detection.senderAddress}::text), '')
         AND status IN ('ACTIVE', 'UNDER_REVIEW')
       FOR UPDATE`,
      openBlockRow,
    );
    if (open && open.expiresAt !== null && open.expiresAt <= detection.now)
      await expireBlocks(tx, [open.id], detection.now);
    else if (open) return addEvidence(tx, detection, open);
    // No open block (any more): it ended since the insert was refused, or was just expired.
    const created = await createBlock(tx, detection);
    if (created) return created;
  }
  throw new AppError("CONFLICT", "The sender's block changed repeatedly while recording; retry.");
}

async function addEvidence(tx: Tx, detection: Detection, open: OpenBlock): Promise<CreateBlockResult> {
  const expiresAt = stricterExpiry(open.expiresAt, detection.expiresAt);
  const updated: BlockRow = await tx.block.update({
    where: { id: open.id },
    data: { expiresAt, updatedAt: detection.now },
    select: BLOCK_WITH_USER_SELECT,
  });
  const { items } = detection;
  await insertEvidenceWithEvent(tx, updated, items, {
    type: "EVIDENCE_ADDED",
    actor: detection.actor,
    now: detection.now,
    data: {
      reason: detection.reason,
      scores: detection.scores,
      evidenceItems: items.length,
      expiresAt: expiresAt?.toISOString() ?? null,
    },
  });
  return {
    created: false,
    secret: null,
    currentLink: currentReportLink(open.publicId, open.secretSealed),
    block: toBlockDto(updated, detection.smtpUser),
    evidenceAdded: items.length,
  };
}
