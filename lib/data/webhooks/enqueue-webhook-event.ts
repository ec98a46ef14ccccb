import "server-only";
import { randomUUID } from "node:crypto";
import { inSqlTransaction, type TxOption } from "@/lib/data/sql-tx";
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

/**
 * SQL that writes one "webhook.deliver" outbox row (payload: lib/webhooks/events.ts
 * WebhookDeliveryJob) per active endpoint subscribed to the event or to `*`, among the
 * account's own endpoints and the relay-wide ones. `accountSql` is the account id as an SQL
 * expression; `from` adds a FROM item (e.g. a CTE) it may refer to; `p` names the
 * placeholders of the event id, type, body, time and the wildcard.
 */
export function webhookOutboxInsertSql(
  accountSql: string,
  p: { id: string; type: string; body: string; now: string; wildcard: string },
  from = "",
): string {
  return `INSERT INTO outbox_message (topic, payload, created_at)
    SELECT 'webhook.deliver', jsonb_build_object('endpointId', e.id::text, 'eventId', ${p.id}::text, 'eventType', ${p.type}::text, 'body', ${p.body}::text), ${p.now}
    FROM ${from ? `${from}, ` : ""}webhook_endpoint e
    WHERE e.active AND (e.account_id = ${accountSql} OR e.account_id IS NULL) AND e.events && ARRAY[${p.type}::text, ${p.wildcard}::text]`;
}

/**
 * Announces an event to every endpoint that subscribed to it, in one statement inside the
 * caller's transaction — a Prisma transaction works — so the notice exists exactly when
 * the change it announces commits. Call it from data-layer functions that have already
 * authorised that change. Returns the event id, the same for every endpoint and retry.
 */
export async function enqueueWebhookEvent(
  tx: TxOption,
  accountId: string,
  type: WebhookEventType,
  data: Record<string, unknown>,
  now: Date = new Date(),
): Promise<string> {
  const event = prepareWebhookEvent(type, data, now);
  await inSqlTransaction(tx, (sql) =>
    sql.query(webhookOutboxInsertSql("$1::uuid", { id: "$2", type: "$3", body: "$4", now: "$5", wildcard: "$6" }), [
      accountId,
      event.id,
      type,
      event.body,
      now,
      ALL_WEBHOOK_EVENTS,
    ]),
  );
  return event.id;
}
