import { getDb } from "@/lib/db/client";

/**
 * Integration tests share one database, and most of them write outbox rows without a worker
 * running. A test that starts a worker marks those earlier rows as handled first, so its
 * worker delivers this test's own mail and webhooks, not every earlier test's backlog.
 */
export async function settleEarlierOutbox(): Promise<void> {
  await getDb().outboxMessage.updateMany({ where: { dispatchedAt: null }, data: { dispatchedAt: new Date() } });
}

/**
 * Runs the queued "Forgot password" requests for `email` (the `password-reset.issue` jobs a
 * worker would run), as the worker's handler does, so the reset mail is in the outbox
 * afterwards. Each row is claimed first, so tests running at once never run one twice.
 */
export async function issueQueuedPasswordResets(email: string, now?: Date): Promise<number> {
  const { issuePasswordReset, passwordResetJob } = await import("@/lib/data/users/passwords");
  const { WORKER } = await import("@/lib/data/callers");
  const claimed = await getDb().outboxMessage.updateManyAndReturn({
    where: { topic: "password-reset.issue", dispatchedAt: null, payload: { path: ["email"], equals: email } },
    data: { dispatchedAt: new Date() },
  });
  for (const row of claimed.sort((a, b) => Number(a.id) - Number(b.id)))
    await issuePasswordReset(WORKER, passwordResetJob.parse(row.payload), now);
  return claimed.length;
}
