import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { JobTopic } from "@/lib/jobs/topics";

type Tx = Prisma.TransactionClient;

/**
 * Records a job inside the caller's transaction (transactional outbox). The job exists if
 * and only if the change it announces was committed; the worker's dispatcher hands it to
 * pg-boss. Call it only from data-layer functions that already authorised the change.
 */
export async function enqueueJob(tx: Tx, topic: JobTopic, payload: Record<string, unknown>): Promise<void> {
  await tx.outboxMessage.create({ data: { topic, payload: payload as Prisma.InputJsonValue } });
}
