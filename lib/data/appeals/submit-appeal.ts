import "server-only";
import {
  appealQuestionLabel,
  checkAppealEligibility,
  fieldErrorsOf,
  generateReference,
  parseAppealForm,
  type AppealInput,
} from "@/lib/appeals";
import { enqueueWebhookEvent } from "@/lib/data/webhooks/enqueue-webhook-event";
import { getDb } from "@/lib/db/client";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { formatUtcDateTime } from "@/lib/evidence/format";
import type { Prisma } from "@/lib/generated/prisma/client";
import { getReviewTimes } from "@/lib/reports/data/review-times";
import { describeReviewTimeline } from "@/lib/reports/review-timeline";
import { conversationReferenceOf } from "./conversation-reference";
import { enqueueMail } from "./enqueue-mail";
import { enforceSenderLimits } from "./sender-limits";
import { actorOf, findBlockByLink, type ReportAccess } from "./sender-link";
import { SENDER_TX_OPTIONS } from "./transaction-options";
import { isUniqueViolation } from "./unique-violation";

export const ALREADY_REQUESTED = "A review is already requested for this block.";

export interface SubmitAppealOptions {
  /** The report link, or the account owner acting from the portal. */
  link: ReportAccess;
  /** The raw form fields; validated here against the block's reason, read from the database. */
  fields: Record<string, unknown>;
  /** Who is asking, for rate limits: the client address or "unknown". */
  client: string;
  now?: Date;
}

/**
 * Records a review request for the block the link opens. Anyone holding the report link
 * may call it, and the owner of the block's account (recorded as OWNER). Throws AppError: NOT_FOUND (link), INVALID (details.fieldErrors), CONFLICT
 * (lifted, expired, a review already open), RATE_LIMITED (cooldown after a denial, or too
 * many requests). The appeal, its event, the block's UNDER_REVIEW status and both
 * notification jobs commit together or not at all.
 */
export async function submitAppeal({
  link,
  fields,
  client,
  now = new Date(),
}: SubmitAppealOptions): Promise<{ reference: string; conversationReference: string }> {
  const block = await findBlockByLink(link, client, { appeals: { orderBy: { createdAt: "desc" }, take: 1 } });
  const parsed = parseAppealForm(block.reason, fields);
  if (!parsed.success)
    throw new AppError("INVALID", "Please check the highlighted fields.", { fieldErrors: fieldErrorsOf(parsed.error) });
  const eligibility = checkAppealEligibility({
    block,
    latestAppeal: block.appeals[0] ?? null,
    now,
    cooldownHours: env.APPEAL_COOLDOWN_HOURS,
  });
  if (!eligibility.eligible) {
    switch (eligibility.why) {
      case "LIFTED":
        throw new AppError("CONFLICT", "This block has already been lifted, so there is nothing left to review.");
      case "EXPIRED":
        throw new AppError(
          "CONFLICT",
          "This block has expired and mail from this sender is accepted again, so there is nothing left to review.",
        );
      case "OPEN":
        throw new AppError("CONFLICT", ALREADY_REQUESTED, { reference: eligibility.reference });
      case "COOLDOWN":
        throw new AppError(
          "RATE_LIMITED",
          `The last review was declined. A new review can be requested from ${formatUtcDateTime(eligibility.availableAt.toISOString())}.`,
          {
            availableAt: eligibility.availableAt.toISOString(),
          },
        );
    }
  }
  await enforceSenderLimits("appeal", client, block.id);
  // The confirmation mail says what the page says about the review's timeline.
  const described = describeReviewTimeline(
    {
      expiresAt: block.expiresAt?.toISOString() ?? null,
      endedAt: null,
      latestAppeal: { status: "OPEN", submittedAt: now.toISOString() },
    },
    await getReviewTimes(now),
    now,
  );
  const timeline = {
    usual: described.usual,
    endsFirst: described.endsFirst ? `${described.endsFirst.text} ${described.endsFirst.stillWorthIt}` : null,
  };
  return insertAppealWithRetry({ ...block, timeline }, parsed.data, now, actorOf(link));
}

type AppealBlock = {
  id: string;
  accountId: string;
  publicId: string;
  reason: "SPAM" | "ABUSE" | "RATE";
  timeline: { usual: string; endsFirst: string | null };
};

// A fresh reference collides about once in 10^8 appeals; the transaction then starts over.
type Actor = ReturnType<typeof actorOf>;

async function insertAppealWithRetry(block: AppealBlock, input: AppealInput, now: Date, actor: Actor) {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await getDb().$transaction((tx) => insertAppeal(tx, block, input, now, actor), SENDER_TX_OPTIONS);
    } catch (error) {
      if (isUniqueViolation(error, "appeal_one_open_per_block")) throw new AppError("CONFLICT", ALREADY_REQUESTED);
      if (!isUniqueViolation(error, "appeal_reference_key") || attempt >= 3) throw error;
    }
  }
}

async function insertAppeal(
  tx: Prisma.TransactionClient,
  block: AppealBlock,
  input: AppealInput,
  now: Date,
  actor: Actor,
) {
  const reference = generateReference("A");
  await tx.appeal.create({
    data: {
      reference,
      blockId: block.id,
      accountId: block.accountId,
      contactEmail: input.contactEmail,
      explanation: input.explanation,
      answers: input.answers,
      trafficStopped: true,
    },
  });
  // Guarded by status and expiry in the same statement, so a block lifted or expired since
  // it was read cannot end up UNDER_REVIEW.
  const moved = await tx.block.updateMany({
    where: {
      id: block.id,
      status: { in: ["ACTIVE", "UNDER_REVIEW"] },
      OR: [{ expiresAt: null }, { expiresAt: { gt: now } }],
    },
    data: { status: "UNDER_REVIEW", updatedAt: now },
  });
  if (moved.count !== 1)
    throw new AppError(
      "CONFLICT",
      "This block changed while you were writing: it is no longer active. Reload the page to see its state.",
    );
  await tx.event.create({
    data: {
      blockId: block.id,
      accountId: block.accountId,
      type: "APPEAL_SUBMITTED",
      ...actor,
      data: { appealReference: reference },
    },
  });
  // The relay learns of the request in the same transaction; the sender's text stays out of it.
  await enqueueWebhookEvent(
    tx,
    block.accountId,
    "appeal.submitted",
    {
      appeal: { reference, status: "OPEN", submittedAt: now.toISOString() },
      block: { id: block.publicId, reason: block.reason, status: "UNDER_REVIEW" },
    },
    now,
  );
  // The sender quotes one reference for the block: an earlier case's, if there is one.
  const conversationReference = await conversationReferenceOf(tx, block.id, reference);
  await enqueueMail(
    tx,
    input.contactEmail,
    {
      template: "appeal-received",
      data: {
        reference: conversationReference,
        publicId: block.publicId,
        reason: block.reason,
        timeline: block.timeline,
      },
    },
    now,
  );
  await enqueueMail(
    tx,
    env.COMPLIANCE_EMAIL,
    {
      template: "appeal-notice",
      data: {
        reference,
        publicId: block.publicId,
        reason: block.reason,
        contactEmail: input.contactEmail,
        explanation: input.explanation,
        answers: Object.entries(input.answers).map(([key, answer]) => ({ question: appealQuestionLabel(key), answer })),
      },
    },
    now,
  );
  return { reference, conversationReference };
}
