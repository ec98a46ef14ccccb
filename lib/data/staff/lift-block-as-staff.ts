import "server-only";
import { z } from "zod";
import { requiredText } from "@/lib/appeals/form-text";
import { assertStaff } from "@/lib/data/blocks/actor";
import { liftBlock } from "@/lib/data/blocks/lift-block";
import { getDb, Prisma } from "@/lib/db/client";
import { queryRows } from "@/lib/db/sql";
import { fieldErrorsOf } from "@/lib/forms/field-errors";
import { AppError } from "@/lib/errors";
import { liveClaim } from "./claims";

export const staffLiftFormSchema = z.object({ reason: requiredText("the reason", 10, 2000) });

/**
 * A reviewer lifts a block without a review request (say, after a reported case): the
 * same liftBlock the relay API uses, with the staff member as the actor (checked there).
 * The reason is shown on the report. In a Prisma transaction: the console stays off the
 * relay's pool (lib/db/pools.ts). Throws AppError INVALID, FORBIDDEN, NOT_FOUND, CONFLICT.
 *
 * A block whose review request awaits a decision (OPEN or NEEDS_INFO) is not lifted here
 * (CONFLICT naming the request): the request is approved instead, so its sender hears why
 * and a reviewer's claim on it holds. The block's row is locked first (FOR UPDATE), as a
 * sender's submission (submit-appeal.ts) updates it to UNDER_REVIEW in the transaction
 * that inserts the request: a request committed first is seen here, and one committed
 * after finds the block lifted and is refused. The relay's API lift and expiry do not go
 * through here: they end a block whatever waits, and the request is answered later.
 */
export async function liftBlockAsStaff({
  staffId,
  publicId,
  fields,
  now = new Date(),
}: {
  staffId: string;
  publicId: string;
  fields: Record<string, unknown>;
  now?: Date;
}): Promise<{ publicId: string }> {
  const parsed = staffLiftFormSchema.safeParse(fields);
  if (!parsed.success)
    throw new AppError("INVALID", "Please check the highlighted fields.", { fieldErrors: fieldErrorsOf(parsed.error) });
  await getDb().$transaction(async (tx) => {
    await assertStaff(tx, staffId);
    await assertNoPendingRequest(tx, publicId, staffId, now);
    await liftBlock({ publicId, reason: parsed.data.reason, actor: { type: "STAFF", id: staffId }, tx, now });
  });
  return { publicId };
}

// The lock is raw SQL (the model API takes no row locks), in its own statement, so the
// request is read after it is held (READ COMMITTED: a fresh snapshot per statement).
async function assertNoPendingRequest(tx: Prisma.TransactionClient, publicId: string, staffId: string, now: Date) {
  const [block] = await queryRows(
    tx,
    Prisma.sql`SELECT id FROM block WHERE public_id = ${publicId} FOR UPDATE`,
    z.object({ id: z.string() }),
  );
  // No such block: liftBlock answers NOT_FOUND.
  if (!block) return;
  const pending = await tx.appeal.findFirst({
    where: { blockId: block.id, status: { in: ["OPEN", "NEEDS_INFO"] } },
    orderBy: { createdAt: "desc" },
    select: {
      reference: true,
      claimedById: true,
      claimedAt: true,
      claimActiveAt: true,
      claimedBy: { select: { name: true } },
    },
  });
  if (!pending) return;
  const claim = liveClaim(pending, now);
  const claimed =
    claim && claim.holderId !== staffId
      ? ` ${claim.holderName} has claimed it: ask them to decide it, or an admin to reassign it.`
      : "";
  throw new AppError(
    "CONFLICT",
    `Review request ${pending.reference} is waiting for a decision: approve it to lift the block, so its sender hears why.${claimed}`,
    { reference: pending.reference },
  );
}
