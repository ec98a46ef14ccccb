import { randomUUID } from "node:crypto";
import { getDb } from "@/lib/db/client";
import type { BlockReason, BlockStatus } from "@/lib/generated/prisma/enums";
import { createAccount, createBlock, createSmtpUser } from "@/tests/support/factories";

/** A fresh block (own account and SMTP user) with its link, for one test. */
export async function blockWithLink(
  options: { reason?: BlockReason; status?: BlockStatus; expiresAt?: Date | null } = {},
) {
  const account = await createAccount();
  const smtpUser = await createSmtpUser(account.id);
  const { block, secret } = await createBlock({
    accountId: account.id,
    smtpUserId: smtpUser.id,
    reason: options.reason,
    status: options.status,
  });
  if (options.expiresAt !== undefined)
    await getDb().block.update({ where: { id: block.id }, data: { expiresAt: options.expiresAt } });
  return { block, secret, link: { publicId: block.publicId, secret } };
}

/** A client key no other test uses, so rate limits of one test never leak into another. */
export const freshClient = () => `test-${randomUUID()}`;

export const VALID_ANSWERS: Record<BlockReason, Record<string, string>> = {
  SPAM: { contentChanges: "Removed the link shortener and added a plain-text part." },
  ABUSE: {
    listSource: "Customers who bought from the shop in the last 12 months.",
    optIn: "Checkbox at checkout, confirmed by a double opt-in email.",
    removedAddresses: "The imported trade-fair list, about 4,000 addresses.",
    unsubscribePath: "List-Unsubscribe header with one-click, plus a footer link.",
  },
  RATE: { newRate: "At most 200 messages per minute, in batches of 1,000." },
};

export function validAppealFields(reason: BlockReason, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    contactEmail: "ops@example.org",
    explanation: "A partner imported an old list; we stopped the campaign and deleted the list.",
    trafficStopped: "yes",
    ...VALID_ANSWERS[reason],
    ...overrides,
  };
}

export function formDataOf(link: { publicId: string; secret: string }, fields: Record<string, string>) {
  const form = new FormData();
  form.set("id", link.publicId);
  form.set("auth", link.secret);
  for (const [name, value] of Object.entries(fields)) form.set(name, value);
  return form;
}

/** Outbox rows of mail.send jobs that mention `reference`. */
export async function mailJobsFor(reference: string) {
  const rows = await getDb().outboxMessage.findMany({
    where: { topic: "mail.send", payload: { path: ["data", "reference"], equals: reference } },
    orderBy: { id: "asc" },
  });
  return rows.map((row) => ({
    id: row.id,
    payload: row.payload as { template: string; to: string; data: Record<string, unknown> },
  }));
}
