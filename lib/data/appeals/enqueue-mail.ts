import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { enqueueJob } from "@/lib/data/outbox";
import { mailJobSchema, type MailContent } from "@/lib/mail/mail-job";

/**
 * Queues one mail in the caller's transaction (transactional outbox): it is sent if and
 * only if the change it announces commits. The payload is validated now, so a malformed
 * mail fails the transaction here instead of failing forever in the worker.
 */
export async function enqueueMail(
  tx: Prisma.TransactionClient,
  to: string,
  content: MailContent,
  queuedAt: Date,
): Promise<void> {
  const job = mailJobSchema.parse({ ...content, to, queuedAt: queuedAt.toISOString() });
  await enqueueJob(tx, "mail.send", job as Record<string, unknown>);
}
