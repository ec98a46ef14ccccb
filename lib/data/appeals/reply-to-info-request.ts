import "server-only";
import { fieldErrorsOf, replyFormSchema } from "@/lib/appeals";
import { getDb } from "@/lib/db/client";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { enqueueMail } from "./enqueue-mail";
import { enforceSenderLimits } from "./sender-limits";
import { actorOf, findBlockByLink, type ReportAccess } from "./sender-link";
import { SENDER_TX_OPTIONS } from "./transaction-options";

const NO_QUESTION = "There is no open question from the reviewer to answer. If you just sent a reply, it has arrived.";

export interface ReplyToInfoRequestOptions {
  /** The report link, or the account owner acting from the portal. */
  link: ReportAccess;
  fields: Record<string, unknown>;
  client: string;
}

/**
 * The sender's answer to a reviewer's question. Anyone holding the report link may call
 * it (and the owner of the block's account, recorded as OWNER), and only while the block's appeal is NEEDS_INFO. The message, the appeal's return to
 * OPEN (back into the queue), the event and the compliance notice commit together.
 * Throws AppError NOT_FOUND, INVALID (details.fieldErrors), CONFLICT, RATE_LIMITED.
 */
export async function replyToInfoRequest({
  link,
  fields,
  client,
}: ReplyToInfoRequestOptions): Promise<{ reference: string }> {
  const block = await findBlockByLink(link, client, { appeals: { where: { status: "NEEDS_INFO" }, take: 1 } });
  const parsed = replyFormSchema.safeParse(fields);
  if (!parsed.success)
    throw new AppError("INVALID", "Please check the highlighted fields.", { fieldErrors: fieldErrorsOf(parsed.error) });
  const appeal = block.appeals[0];
  if (!appeal) throw new AppError("CONFLICT", NO_QUESTION);
  await enforceSenderLimits("reply", client, block.id);

  const actor = actorOf(link);
  await getDb().$transaction(async (tx) => {
    // Only the request that moves the appeal out of NEEDS_INFO writes the reply, so a
    // double submission cannot add the same answer twice.
    const reopened = await tx.appeal.updateMany({
      where: { id: appeal.id, status: "NEEDS_INFO" },
      data: { status: "OPEN", updatedAt: new Date() },
    });
    if (reopened.count !== 1) throw new AppError("CONFLICT", NO_QUESTION);
    await tx.appealMessage.create({
      data: { appealId: appeal.id, accountId: block.accountId, author: actor.actorType, body: parsed.data.body },
    });
    await tx.event.create({
      data: {
        blockId: block.id,
        accountId: block.accountId,
        type: "APPEAL_REPLIED",
        ...actor,
        data: { appealReference: appeal.reference },
      },
    });
    await enqueueMail(
      tx,
      env.COMPLIANCE_EMAIL,
      {
        template: "appeal-reply-notice",
        data: {
          reference: appeal.reference,
          publicId: block.publicId,
          infoRequest: appeal.infoRequest?.slice(0, 4000) ?? null,
          reply: parsed.data.body,
        },
      },
      new Date(),
    );
  }, SENDER_TX_OPTIONS);
  return { reference: appeal.reference };
}
