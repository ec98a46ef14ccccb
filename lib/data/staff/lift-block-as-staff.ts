import "server-only";
import { z } from "zod";
import { requiredText } from "@/lib/appeals/form-text";
import { liftBlock } from "@/lib/data/blocks/lift-block";
import { getDb } from "@/lib/db/client";
import { fieldErrorsOf } from "@/lib/forms/field-errors";
import { AppError } from "@/lib/errors";

export const staffLiftFormSchema = z.object({ reason: requiredText("the reason", 10, 2000) });

/**
 * A reviewer lifts a block without a review request (say, after a reported case): the
 * same liftBlock the relay API uses, with the staff member as the actor (checked there).
 * The reason is shown on the report. In a Prisma transaction: the console stays off the
 * relay's pool (lib/db/pools.ts). Throws AppError INVALID, FORBIDDEN, NOT_FOUND, CONFLICT.
 */
export async function liftBlockAsStaff({
  staffId,
  publicId,
  fields,
}: {
  staffId: string;
  publicId: string;
  fields: Record<string, unknown>;
}): Promise<{ publicId: string }> {
  const parsed = staffLiftFormSchema.safeParse(fields);
  if (!parsed.success)
    throw new AppError("INVALID", "Please check the highlighted fields.", { fieldErrors: fieldErrorsOf(parsed.error) });
  await getDb().$transaction((tx) =>
    liftBlock({ publicId, reason: parsed.data.reason, actor: { type: "STAFF", id: staffId }, tx }),
  );
  return { publicId };
}
