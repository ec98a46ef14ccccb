import "server-only";
import { randomUUID } from "node:crypto";
import { enqueueJob } from "@/lib/data/outbox";
import type { Prisma } from "@/lib/generated/prisma/client";
import { ALL_WEBHOOK_EVENTS, type WebhookDeliveryJob, type WebhookEnvelope, type WebhookEventType } from "@/lib/webhooks/events";

/**
 * Announces an event to every active webhook endpoint that subscribed to it: the
 * account's own endpoints and the relay-wide ones (no account). Writes one
 * "webhook.deliver" outbox row per endpoint inside the caller's transaction, so the
 * notice exists exactly when the change it announces commits. Call it from data-layer
 * functions that have already authorised that change. Returns the event id.
 */
export async function enqueueWebhookEvent(
  tx: Prisma.TransactionClient,
  accountId: string,
  type: WebhookEventType,
  data: Record<string, unknown>,
  now: Date = new Date(),
): Promise<string> {
  const endpoints = await tx.webhookEndpoint.findMany({
    where: {
      active: true,
      OR: [{ accountId }, { accountId: null }],
      events: { hasSome: [type, ALL_WEBHOOK_EVENTS] },
    },
    select: { id: true },
  });
  const envelope: WebhookEnvelope = { id: `evt_${randomUUID()}`, type, createdAt: now.toISOString(), data };
  const body = JSON.stringify(envelope);
  for (const endpoint of endpoints) {
    const job: WebhookDeliveryJob = { endpointId: endpoint.id, eventId: envelope.id, eventType: type, body };
    await enqueueJob(tx, "webhook.deliver", { ...job });
  }
  return envelope.id;
}
