import "server-only";
import { randomUUID } from "node:crypto";
import type { Tx } from "@/lib/data/transaction";
import { Prisma } from "@/lib/db/client";
import { ALL_WEBHOOK_EVENTS, type WebhookEnvelope, type WebhookEventType } from "@/lib/webhooks/events";

/** An event ready to fan out: its id and the exact body every endpoint receives. */
export interface PreparedWebhookEvent {
  id: string;
  type: WebhookEventType;
  body: string;
}

export function prepareWebhookEvent(
  type: WebhookEventType,
  data: Record<string, unknown>,
  now: Date,
): PreparedWebhookEvent {
  const envelope: WebhookEnvelope = { id: `evt_${randomUUID()}`, type, createdAt: now.toISOString(), data };
  return { id: envelope.id, type, body: JSON.stringify(envelope) };
}

/** The outbox payload of one delivery (lib/webhooks/events.ts WebhookDeliveryJob). */
const deliveryPayload = (endpointId: string, event: PreparedWebhookEvent) => ({
  endpointId,
  eventId: event.id,
  eventType: event.type,
  body: event.body,
});

/**
 * SQL that writes one "webhook.deliver" outbox row (payload: deliveryPayload) per active
 * endpoint subscribed to the event or to `*`, among the account's own endpoints and the
 * relay-wide ones: enqueueWebhookEvent as one statement, for a new block's single
 * statement (insert-new-block.ts). `accountSql` is the account id as an SQL expression;
 * `from` adds a FROM item (e.g. a CTE) it may refer to.
 */
export function webhookOutboxInsertSql(
  accountSql: Prisma.Sql,
  event: PreparedWebhookEvent,
  now: Date,
  from?: Prisma.Sql,
): Prisma.Sql {
  return Prisma.sql`INSERT INTO outbox_message (topic, payload, created_at)
    SELECT 'webhook.deliver', jsonb_build_object('endpointId', e.id::text, 'eventId', ${event.id}::text, 'eventType', ${event.type}::text, 'body', ${event.body}::text), ${now}
    FROM ${from ? Prisma.sql`${from}, ` : Prisma.empty}webhook_endpoint e
    WHERE e.active AND (e.account_id = ${accountSql} OR e.account_id IS NULL) AND e.events && ARRAY[${event.type}::text, ${ALL_WEBHOOK_EVENTS}::text]`;
}

/**
 * Announces an event to every endpoint that subscribed to it, inside the caller's
 * transaction, so the notice exists exactly when the change it announces commits. Call it
 * from data-layer functions that have already authorised that change. Returns the event
 * id, the same for every endpoint and retry.
 */
export async function enqueueWebhookEvent(
  tx: Tx,
  accountId: string,
  type: WebhookEventType,
  data: Record<string, unknown>,
  now: Date = new Date(),
): Promise<string> {
  const event = prepareWebhookEvent(type, data, now);
  const endpoints = await tx.webhookEndpoint.findMany({
    where: {
      active: true,
      OR: [{ accountId }, { accountId: null }],
      events: { hasSome: [type, ALL_WEBHOOK_EVENTS] },
    },
    select: { id: true },
  });
  if (endpoints.length > 0)
    await tx.outboxMessage.createMany({
      data: endpoints.map((endpoint) => ({
        topic: "webhook.deliver",
        payload: deliveryPayload(endpoint.id, event),
        createdAt: now,
      })),
    });
  return event.id;
}
