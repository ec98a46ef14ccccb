import "server-only";
import { z } from "zod";
import { optionalText, requiredText } from "@/lib/appeals/form-text";
import { conversationReferenceOf } from "@/lib/data/appeals/conversation-reference";
import { enqueueMail } from "@/lib/data/appeals/enqueue-mail";
import { assertStaff } from "@/lib/data/blocks/actor";
import { getDb, Prisma } from "@/lib/db/client";
import { queryRows } from "@/lib/db/sql";
import { fieldErrorsOf } from "@/lib/forms/field-errors";
import { AppError } from "@/lib/errors";
import { assertClaimAllows } from "./claims";

export const CASE_TEXT_MAX = 4000;
/** Kept for the console's hint; a closing message is a reply like any other. */
export const CLOSE_NOTE_MAX = CASE_TEXT_MAX;

export const caseReplyFormSchema = z.object({ message: requiredText("the message to the sender", 3, CASE_TEXT_MAX) });
export const caseNoteFormSchema = z.object({ note: requiredText("the internal note", 3, CASE_TEXT_MAX) });
export const closeCaseFormSchema = z.object({
  message: requiredText("the message to the sender", 3, CASE_TEXT_MAX),
  note: optionalText("the internal note", CASE_TEXT_MAX),
});

export interface CaseActionOptions {
  staffId: string;
  /** The case's reference (C-…). */
  reference: string;
  /** The raw form fields; validated here. */
  fields: Record<string, unknown>;
  now?: Date;
}

export interface CaseActionResult {
  reference: string;
  /** Whether the sender is mailed: only when they gave a contact address on the case. */
  mailed: boolean;
}

const lockedCase = z.object({
  id: z.string(),
  blockId: z.string(),
  accountId: z.string(),
  status: z.string(),
  publicId: z.string(),
});
type LockedCase = z.infer<typeof lockedCase>;

function parse<T>(schema: z.ZodType<T>, fields: Record<string, unknown>): T {
  const parsed = schema.safeParse(fields);
  if (!parsed.success)
    throw new AppError("INVALID", "Please check the highlighted fields.", { fieldErrors: fieldErrorsOf(parsed.error) });
  return parsed.data;
}

// FOR UPDATE: a reply and a close of the same case are serialised, so nothing is added to a
// closed case. Raw: the model API takes no row locks.
async function lockCase(tx: Prisma.TransactionClient, reference: string): Promise<LockedCase> {
  const [found] = await queryRows(
    tx,
    Prisma.sql`
    SELECT c.id, c.block_id AS "blockId", c.account_id AS "accountId", c.status::text AS status, b.public_id AS "publicId"
      FROM compliance_case c JOIN block b ON b.id = c.block_id
     WHERE c.reference = ${reference}
       FOR UPDATE OF c`,
    lockedCase,
  );
  if (!found) throw new AppError("NOT_FOUND", "No case has this reference.");
  return found;
}

/** Runs `act` in one transaction on the case, locked, once the caller is checked to be staff. */
function asStaffOnCase<T>(
  staffId: string,
  reference: string,
  act: (tx: Prisma.TransactionClient, kase: LockedCase) => Promise<T>,
): Promise<T> {
  return getDb().$transaction(async (tx) => {
    await assertStaff(tx, staffId);
    return act(tx, await lockCase(tx, reference));
  });
}

/** The sender's latest contact address on the case, if they gave one. */
async function senderContact(tx: Prisma.TransactionClient, caseId: string): Promise<string | null> {
  const latest = await tx.caseMessage.findFirst({
    where: { caseId, author: "SENDER", contactEmail: { not: null } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { contactEmail: true },
  });
  return latest?.contactEmail ?? null;
}

/* A reply the sender reads: on the report (the conversation) and, with an address, by mail. */
/* A note for the record and other staff: never shown to the sender, never mailed. */
async function addInternalNote(
  tx: Prisma.TransactionClient,
  kase: LockedCase,
  staffId: string,
  note: string,
  now: Date,
) {
  await tx.caseMessage.create({
    data: {
      caseId: kase.id,
      accountId: kase.accountId,
      author: "STAFF",
      authorId: staffId,
      note,
      internal: true,
      createdAt: now,
    },
  });
}

/* The block's timeline entry for what a staff member did on the case. */
async function recordCaseEvent(
  tx: Prisma.TransactionClient,
  kase: LockedCase,
  type: "CASE_REPLIED" | "CASE_CLOSED",
  reference: string,
  staffId: string,
  now: Date,
) {
  await tx.event.create({
    data: {
      blockId: kase.blockId,
      accountId: kase.accountId,
      type,
      actorType: "STAFF",
      actorId: staffId,
      createdAt: now,
      data: { caseReference: reference },
    },
  });
}

async function sendReply(
  tx: Prisma.TransactionClient,
  kase: LockedCase,
  reference: string,
  staffId: string,
  message: string,
  closed: boolean,
  now: Date,
): Promise<boolean> {
  await tx.caseMessage.create({
    data: {
      caseId: kase.id,
      accountId: kase.accountId,
      author: "STAFF",
      authorId: staffId,
      note: message,
      createdAt: now,
    },
  });
  const to = await senderContact(tx, kase.id);
  if (to) {
    const thread = await conversationReferenceOf(tx, kase.blockId, reference);
    await enqueueMail(
      tx,
      to,
      { template: "case-reply", data: { reference: thread, publicId: kase.publicId, text: message, closed } },
      now,
    );
  }
  return to !== null;
}

/**
 * A reply to the sender on a "Report message" case: shown in the report's conversation and
 * mailed to the contact address the sender gave on the case (none given: the report only).
 * Callers: the staff console, for a STAFF or ADMIN user (checked here).
 * Throws AppError INVALID (details.fieldErrors), FORBIDDEN, NOT_FOUND, CONFLICT (closed).
 */
export async function replyToCase({
  staffId,
  reference,
  fields,
  now = new Date(),
}: CaseActionOptions): Promise<CaseActionResult> {
  const { message } = parse(caseReplyFormSchema, fields);
  return asStaffOnCase(staffId, reference, async (tx, kase) => {
    if (kase.status !== "OPEN") throw new AppError("CONFLICT", "This case is closed. Reload the page to see it.");
    await assertClaimAllows(tx, { reference, staffId, now });
    const mailed = await sendReply(tx, kase, reference, staffId, message, false, now);
    await recordCaseEvent(tx, kase, "CASE_REPLIED", reference, staffId, now);
    return { reference, mailed };
  });
}

/**
 * An internal note on a case: for the record and other staff, never shown to the sender
 * (left out of the report, its JSON and its version) and never mailed. Open or closed cases.
 * Callers: the staff console, for a STAFF or ADMIN user (checked here).
 * Throws AppError INVALID (details.fieldErrors), FORBIDDEN, NOT_FOUND.
 */
export async function addCaseNote({
  staffId,
  reference,
  fields,
  now = new Date(),
}: CaseActionOptions): Promise<CaseActionResult> {
  const { note } = parse(caseNoteFormSchema, fields);
  return asStaffOnCase(staffId, reference, async (tx, kase) => {
    await addInternalNote(tx, kase, staffId, note, now);
    return { reference, mailed: false };
  });
}

/**
 * Closes a "Report message" case with a message the sender reads (on the report and, with
 * an address, by mail), and optionally an internal note. It leaves the queue; the report
 * shows it as closed. Callers: the staff console, for a STAFF or ADMIN user (checked here).
 * Throws AppError INVALID (details.fieldErrors), FORBIDDEN, NOT_FOUND, CONFLICT.
 */
export async function closeCase({
  staffId,
  reference,
  fields,
  now = new Date(),
}: CaseActionOptions): Promise<CaseActionResult> {
  const { message, note } = parse(closeCaseFormSchema, fields);
  return asStaffOnCase(staffId, reference, async (tx, kase) => {
    await assertClaimAllows(tx, { reference, staffId, now });
    const closed = await tx.complianceCase.updateMany({
      where: { id: kase.id, status: "OPEN" },
      data: { status: "CLOSED", closedAt: now },
    });
    if (closed.count !== 1) throw new AppError("CONFLICT", "This case is already closed.");
    if (note) await addInternalNote(tx, kase, staffId, note, now);
    const mailed = await sendReply(tx, kase, reference, staffId, message, true, now);
    await recordCaseEvent(tx, kase, "CASE_CLOSED", reference, staffId, now);
    return { reference, mailed };
  });
}
