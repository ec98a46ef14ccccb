import { getDb } from "@/lib/db/client";

/**
 * Integration tests share one database, and most of them write outbox rows without a worker
 * running. A test that starts a worker marks those earlier rows as handled first, so its
 * worker delivers this test's own mail and webhooks, not every earlier test's backlog.
 */
export async function settleEarlierOutbox(): Promise<void> {
  await getDb().outboxMessage.updateMany({ where: { dispatchedAt: null }, data: { dispatchedAt: new Date() } });
}
