import "server-only";
import { z } from "zod";
import { assertActor } from "@/lib/data/blocks/actor";
import { fromPrisma } from "@/lib/data/sql-tx";
import { getDb } from "@/lib/db/client";
import { requiredText } from "@/lib/appeals/form-text";
import { fieldErrorsOf } from "@/lib/forms/field-errors";
import { AppError } from "@/lib/errors";
import { assertClaimAllows } from "./claims";

export const CLOSE_NOTE_MAX = 2000;

export const closeCaseFormSchema = z.object({ note: requiredText("the closing note", 3, CLOSE_NOTE_MAX) });

/**
 * Closes a "Report message" case: it leaves the queue and the sender's report no longer
 * shows it as open. The note is for the record (event data under a key the report never
 * shows). Callers: the staff console, for a STAFF or ADMIN user (checked here).
 * Throws AppError INVALID (details.fieldErrors), FORBIDDEN, NOT_FOUND, CONFLICT.
 */
export async function closeCase({ staffId, reference, fields, now = new Date() }: { staffId: string; reference: string; fields: Record<string, unknown>; now?: Date }): Promise<{ reference: string }> {
  const parsed = closeCaseFormSchema.safeParse(fields);
  if (!parsed.success) throw new AppError("INVALID", "Please check the highlighted fields.", { fieldErrors: fieldErrorsOf(parsed.error) });
  return getDb().$transaction(async (tx) => {
    await assertActor(fromPrisma(tx), { type: "STAFF", id: staffId });
    const found = await tx.complianceCase.findUnique({ where: { reference }, select: { id: true, blockId: true, accountId: true, status: true } });
    if (!found) throw new AppError("NOT_FOUND", "No case has this reference.");
    await assertClaimAllows(tx, { reference, staffId, now });
    const closed = await tx.complianceCase.updateMany({ where: { id: found.id, status: "OPEN" }, data: { status: "CLOSED", closedAt: now } });
    if (closed.count !== 1) throw new AppError("CONFLICT", "This case is already closed.");
    await tx.event.create({
      data: {
        blockId: found.blockId, accountId: found.accountId, type: "CASE_CLOSED", actorType: "STAFF", actorId: staffId, createdAt: now,
        data: { caseReference: reference, note: parsed.data.note },
      },
    });
    return { reference };
  });
}
