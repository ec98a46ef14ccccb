import "server-only";
import { caseFormSchema, fieldErrorsOf, generateReference, type CaseInput } from "@/lib/appeals";
import { getDb } from "@/lib/db/client";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { enqueueMail } from "@/lib/data/appeals/enqueue-mail";
import { enforceSenderLimits } from "@/lib/data/appeals/sender-limits";
import { actorOf, findBlockByLink, type ReportAccess } from "@/lib/data/appeals/sender-link";
import { SENDER_TX_OPTIONS } from "@/lib/data/appeals/transaction-options";
import { isUniqueViolation } from "@/lib/data/appeals/unique-violation";
import { conversationReferenceOf } from "@/lib/data/appeals/conversation-reference";
import { buildEvidenceBundle } from "./evidence-bundle";
import { claimSubmission } from "./submission-token";

export interface ReportMessageOptions {
  /** The report link, or the account owner acting from the portal. */
  link: ReportAccess;
  fields: Record<string, unknown>;
  client: string;
}

export interface ReportMessageResult {
  reference: string;
  /** The one reference the sender quotes for the block (an earlier review request's, if any). */
  conversationReference: string;
  bundleDigest: string;
  /** False when the report was added to the block's open case. */
  newCase: boolean;
  /** True when this exact form submission had already been recorded (a double submit). */
  duplicate: boolean;
}

type CaseBlock = { id: string; accountId: string; publicId: string };

/**
 * "Report message": hands the report to compliance. Anyone holding the report link may
 * call it, and the owner of the block's account (recorded as OWNER). The first report opens a case with a frozen evidence bundle and its SHA-256; a
 * later one adds a message to the block's open case (one open case per block, enforced
 * by a unique index). The case, its message, its event and its notifications commit
 * together. Throws AppError NOT_FOUND, INVALID (details.fieldErrors), RATE_LIMITED.
 */
export async function reportMessage({ link, fields, client }: ReportMessageOptions): Promise<ReportMessageResult> {
  const block = await findBlockByLink(link, client, {});
  const parsed = caseFormSchema.safeParse(fields);
  if (!parsed.success)
    throw new AppError("INVALID", "Please check the highlighted fields.", { fieldErrors: fieldErrorsOf(parsed.error) });
  await enforceSenderLimits("case", client, block.id);
  const token = typeof fields.submissionId === "string" ? fields.submissionId : undefined;
  // Two first reports racing both try to open a case; the loser starts over and finds it.
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await getDb().$transaction(
        (tx) => recordReport(tx, block, parsed.data, token, actorOf(link)),
        SENDER_TX_OPTIONS,
      );
    } catch (error) {
      const retry =
        isUniqueViolation(error, "compliance_case_one_open_per_block") ||
        isUniqueViolation(error, "compliance_case_reference_key");
      if (!retry || attempt >= 3) throw error;
    }
  }
}

type Actor = ReturnType<typeof actorOf>;

async function recordReport(
  tx: Prisma.TransactionClient,
  block: CaseBlock,
  input: CaseInput,
  token: string | undefined,
  actor: Actor,
): Promise<ReportMessageResult> {
  const firstSubmission = await claimSubmission(tx, "case", token);
  const open = await tx.complianceCase.findFirst({
    where: { blockId: block.id, status: "OPEN" },
    select: { id: true, reference: true, bundleDigest: true },
  });
  if (!firstSubmission) {
    if (!open) throw new AppError("CONFLICT", "This report was already sent. Reload the page to see its case.");
    const conversationReference = await conversationReferenceOf(tx, block.id, open.reference);
    return {
      reference: open.reference,
      conversationReference,
      bundleDigest: open.bundleDigest,
      newCase: false,
      duplicate: true,
    };
  }
  const now = new Date();
  const kase = open ?? (await openCase(tx, block, now, actor));
  await tx.caseMessage.create({
    data: {
      caseId: kase.id,
      accountId: block.accountId,
      note: input.note ?? null,
      contactEmail: input.contactEmail ?? null,
    },
  });
  if (open) {
    await tx.event.create({
      data: {
        blockId: block.id,
        accountId: block.accountId,
        type: "CASE_MESSAGE_ADDED",
        ...actor,
        data: { caseReference: open.reference },
      },
    });
  }
  const mailData = { reference: kase.reference, publicId: block.publicId, bundleDigest: kase.bundleDigest };
  await enqueueMail(
    tx,
    env.COMPLIANCE_EMAIL,
    {
      template: "case-notice",
      data: { ...mailData, newCase: !open, note: input.note ?? null, contactEmail: input.contactEmail ?? null },
    },
    now,
  );
  const conversationReference = await conversationReferenceOf(tx, block.id, kase.reference);
  if (input.contactEmail)
    await enqueueMail(
      tx,
      input.contactEmail,
      { template: "case-received", data: { ...mailData, reference: conversationReference } },
      now,
    );
  return {
    reference: kase.reference,
    conversationReference,
    bundleDigest: kase.bundleDigest,
    newCase: !open,
    duplicate: false,
  };
}

// The bundle is built before CASE_OPENED is written: it freezes the report the sender saw.
async function openCase(tx: Prisma.TransactionClient, block: CaseBlock, now: Date, actor: Actor) {
  const { bundle, digest } = await buildEvidenceBundle(tx, block.id, now);
  const kase = await tx.complianceCase.create({
    data: {
      reference: generateReference("C"),
      blockId: block.id,
      accountId: block.accountId,
      bundle: bundle as Prisma.InputJsonValue,
      bundleDigest: digest,
    },
    select: { id: true, reference: true, bundleDigest: true },
  });
  await tx.event.create({
    data: {
      blockId: block.id,
      accountId: block.accountId,
      type: "CASE_OPENED",
      ...actor,
      data: { caseReference: kase.reference, bundleDigest: digest },
    },
  });
  return kase;
}
