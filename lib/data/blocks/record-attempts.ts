import "server-only";
import { inTransaction, type Tx } from "@/lib/data/transaction";
import { Prisma } from "@/lib/db/client";
import { queryRows } from "@/lib/db/sql";
import { enqueueWebhookEvent } from "@/lib/data/webhooks/enqueue-webhook-event";
import { AppError } from "@/lib/errors";
import { assertActor, type BlockActor } from "./actor";
import { BLOCK_COLUMNS, BLOCK_WITH_USER_SELECT, blockRowSchema, blockWithUserToDto, type BlockDto } from "./block-dto";
import { applyAttempts } from "./escalation-policy";
import { insertEvent } from "./evidence-rows";
import { expireBlocks } from "./expire-block";

export interface RecordAttemptsOptions {
  /** The report's public id. */
  publicId: string;
  /** How many messages the relay rejected since it last reported (at least 1). */
  count: number;
  actor: BlockActor;
  tx?: Tx;
  now?: Date;
}

export interface RecordAttemptsResult {
  block: BlockDto;
  /** Levels gained by these attempts; 0 when the block did not escalate. */
  levelsGained: number;
}

export interface AttemptCount {
  publicId: string;
  count: number;
}

/** What became of one block's count: counted, or why not (nothing was written for it). */
export type AttemptOutcome =
  | ({ publicId: string; outcome: "counted" } & RecordAttemptsResult)
  | { publicId: string; outcome: "not_found" }
  | { publicId: string; outcome: "ended"; status: "LIFTED" | "EXPIRED" }
  /** It was open but past its expiry: it was expired now (event and webhook included). */
  | { publicId: string; outcome: "expired" };

const checkCount = (count: number) => {
  if (!Number.isInteger(count) || count < 1)
    throw new AppError("INVALID", "count: must be a positive integer", { field: "count" });
};

/**
 * Counts messages blocked senders kept sending, for many blocks in one transaction, and
 * escalates past the thresholds of lib/data/blocks/escalation-policy.ts (level up, expiry
 * extended, an ESCALATED event and a `block.escalated` webhook). The rows are locked while
 * counting (in id order, so two batches cannot deadlock), so concurrent reports add up
 * exactly. Only open blocks count; the others are reported as such and left alone.
 * Callers: recordAttempts (the relay's API), and the Postfix policy service, which adds up
 * refused messages in memory and reports them here once a second (lib/policy).
 */
export async function recordAttemptsBatch(options: {
  counts: AttemptCount[];
  actor: BlockActor;
  tx?: Tx;
  now?: Date;
}): Promise<AttemptOutcome[]> {
  const totals = new Map<string, number>();
  for (const { publicId, count } of options.counts) {
    checkCount(count);
    totals.set(publicId, (totals.get(publicId) ?? 0) + count);
  }
  if (totals.size === 0) return [];
  const now = options.now ?? new Date();
  return inTransaction(options.tx, async (tx) => {
    await assertActor(tx, options.actor);
    // Row locks (FOR UPDATE, in id order), which the model API does not take.
    const rows = await queryRows(
      tx,
      Prisma.sql`SELECT ${Prisma.raw(BLOCK_COLUMNS)} FROM block WHERE public_id = ANY(${[...totals.keys()]}::text[]) ORDER BY id FOR UPDATE`,
      blockRowSchema,
    );
    const outcomes = new Map<string, AttemptOutcome>();
    const due = rows.filter(
      (row) =>
        (row.status === "ACTIVE" || row.status === "UNDER_REVIEW") && row.expiresAt !== null && row.expiresAt <= now,
    );
    await expireBlocks(
      tx,
      due.map((row) => row.id),
      now,
    );
    for (const row of due) outcomes.set(row.publicId, { publicId: row.publicId, outcome: "expired" });
    const open = rows.filter(
      (row) => (row.status === "ACTIVE" || row.status === "UNDER_REVIEW") && !outcomes.has(row.publicId),
    );
    for (const row of rows) {
      if (row.status === "LIFTED" || row.status === "EXPIRED")
        outcomes.set(row.publicId, { publicId: row.publicId, outcome: "ended", status: row.status });
    }
    if (open.length > 0) {
      const applied = open.map((row) => ({ row, result: applyAttempts(row, totals.get(row.publicId)!, now) }));
      for (const { row, result } of applied) {
        const dto = blockWithUserToDto(
          await tx.block.update({
            where: { id: row.id },
            data: {
              attemptCount: result.attemptCount,
              escalationLevel: result.escalationLevel,
              expiresAt: result.expiresAt,
              updatedAt: now,
            },
            select: BLOCK_WITH_USER_SELECT,
          }),
        );
        if (result.levelsGained > 0) {
          await insertEvent(tx, row, {
            type: "ESCALATED",
            actor: options.actor,
            now,
            data: {
              level: result.escalationLevel,
              previousLevel: row.escalationLevel,
              attempts: result.attemptCount,
              expiresAt: dto.expiresAt,
            },
          });
          await enqueueWebhookEvent(tx, row.accountId, "block.escalated", { block: dto }, now);
        }
        outcomes.set(row.publicId, {
          publicId: row.publicId,
          outcome: "counted",
          block: dto,
          levelsGained: result.levelsGained,
        });
      }
    }
    return [...totals.keys()].map(
      (publicId): AttemptOutcome => outcomes.get(publicId) ?? { publicId, outcome: "not_found" },
    );
  });
}

/**
 * Counts messages the blocked sender kept sending, and escalates past the thresholds of
 * lib/data/blocks/escalation-policy.ts (recordAttemptsBatch for one block). Only open
 * blocks count: a lifted or expired one is a CONFLICT (the relay should accept the
 * sender's mail again). Callers: the relay (API key).
 */
export async function recordAttempts(options: RecordAttemptsOptions): Promise<RecordAttemptsResult> {
  checkCount(options.count);
  const [result] = await recordAttemptsBatch({
    counts: [{ publicId: options.publicId, count: options.count }],
    actor: options.actor,
    tx: options.tx,
    now: options.now,
  });
  // An expiry commits (with its event and webhook) before the caller hears about it.
  switch (result?.outcome) {
    case "counted":
      return { block: result.block, levelsGained: result.levelsGained };
    case "ended":
      throw new AppError(
        "CONFLICT",
        `This block is ${result.status.toLowerCase()}; the sender's mail is accepted again.`,
      );
    case "expired":
      throw new AppError("CONFLICT", "This block has expired; the sender's mail is accepted again.");
    default:
      throw new AppError("NOT_FOUND", "No block has this id.");
  }
}
