import "server-only";
import { z } from "zod";
import {
  APPEAL_DECISIONS,
  DECISION_TEXT_MAX,
  DECISION_TEXT_MIN,
  type AppealDecision,
} from "@/lib/appeals/decision-labels";
import { requiredText } from "@/lib/appeals/form-text";
import { isUuid } from "@/lib/data/ids";
import { isUniqueViolation } from "@/lib/data/appeals/unique-violation";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { fieldErrorsOf } from "@/lib/forms/field-errors";
import type { BlockReason } from "@/lib/generated/prisma/enums";
import { assertAdmin, assertStaff } from "./roles";

export interface DecisionTemplate {
  id: string;
  title: string;
  decision: AppealDecision;
  /** The block reason it is written for; null: any. */
  reason: BlockReason | null;
  body: string;
  updatedAt: string;
}

const REASONS = ["SPAM", "ABUSE", "RATE"] as const;

export const decisionTemplateFormSchema = z.object({
  title: requiredText("the title", 3, 80),
  decision: z.enum(APPEAL_DECISIONS, { error: "Choose the decision this text is for." }),
  reason: z.preprocess(
    (v) => (v === "" || v === "ANY" ? null : v),
    z.enum(REASONS, { error: "Choose a block reason, or any." }).nullable(),
  ),
  body: requiredText("the text", DECISION_TEXT_MIN, DECISION_TEXT_MAX),
});

const SELECT = { id: true, title: true, decision: true, reason: true, body: true, updatedAt: true } as const;
const toTemplate = (row: {
  id: string;
  title: string;
  decision: string;
  reason: BlockReason | null;
  body: string;
  updatedAt: Date;
}): DecisionTemplate => ({
  ...row,
  decision: row.decision as AppealDecision,
  updatedAt: row.updatedAt.toISOString(),
});

/**
 * The saved decision texts: all of them (the admin page), or those that fit a block's
 * reason (the decision form: written for that reason or for any). Ordered by decision,
 * then title. Callers: the staff console, for STAFF or ADMIN (checked here).
 */
export async function listDecisionTemplates({
  staffId,
  reason,
}: {
  staffId: string;
  reason?: BlockReason;
}): Promise<DecisionTemplate[]> {
  await assertStaff(getDb(), staffId);
  const rows = await getDb().decisionTemplate.findMany({
    where: reason ? { OR: [{ reason }, { reason: null }] } : {},
    orderBy: [{ decision: "asc" }, { title: "asc" }],
    select: SELECT,
  });
  return rows.map(toTemplate);
}

function parse(fields: Record<string, unknown>) {
  const parsed = decisionTemplateFormSchema.safeParse(fields);
  if (!parsed.success)
    throw new AppError("INVALID", "Please check the highlighted fields.", { fieldErrors: fieldErrorsOf(parsed.error) });
  return parsed.data;
}

const DUPLICATE = () =>
  new AppError("INVALID", "Please check the highlighted fields.", {
    fieldErrors: { title: ["Another template has this title: choose another."] },
  });

/**
 * An admin adds a template (no id) or changes one (its id). Titles are unique, ignoring case.
 * Throws AppError INVALID (details.fieldErrors), FORBIDDEN, NOT_FOUND.
 */
export async function saveDecisionTemplate({
  adminId,
  id,
  fields,
  now = new Date(),
}: {
  adminId: string;
  id?: string;
  fields: Record<string, unknown>;
  now?: Date;
}): Promise<DecisionTemplate> {
  await assertAdmin(getDb(), adminId);
  const data = parse(fields);
  try {
    if (!id)
      return toTemplate(
        await getDb().decisionTemplate.create({ data: { ...data, createdAt: now, updatedAt: now }, select: SELECT }),
      );
    if (!isUuid(id)) throw new AppError("NOT_FOUND", "This template no longer exists.");
    const { count } = await getDb().decisionTemplate.updateMany({ where: { id }, data: { ...data, updatedAt: now } });
    if (count === 0) throw new AppError("NOT_FOUND", "This template no longer exists: it may have been deleted.");
    return toTemplate(await getDb().decisionTemplate.findUniqueOrThrow({ where: { id }, select: SELECT }));
  } catch (error) {
    if (isUniqueViolation(error, "decision_template_title_key")) throw DUPLICATE();
    throw error;
  }
}

/** An admin deletes a template. Throws FORBIDDEN, NOT_FOUND. */
export async function deleteDecisionTemplate({
  adminId,
  id,
}: {
  adminId: string;
  id: string;
}): Promise<{ title: string }> {
  await assertAdmin(getDb(), adminId);
  const row = isUuid(id) ? await getDb().decisionTemplate.findUnique({ where: { id }, select: { title: true } }) : null;
  if (!row) throw new AppError("NOT_FOUND", "This template no longer exists: it may have been deleted.");
  await getDb().decisionTemplate.deleteMany({ where: { id } });
  return row;
}
