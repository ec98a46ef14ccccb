import "server-only";
import { randomUUID } from "node:crypto";
import { inSqlTransaction, type TxOption } from "@/lib/data/sql-tx";
import { ALL_WEBHOOK_EVENTS, type WebhookEnvelope, type WebhookEventType } from "@/lib/webhooks/events";

/**
 * Announces an event to every active webhook endpoint that subscribed to it (or to `*`):
 * the account's own endpoints and the relay-wide ones (no account). Writes one
 * "webhook.deliver" outbox row per endpoint (payload: lib/webhooks/events.ts
 * WebhookDeliveryJob) in one statement inside the caller's transaction — a Prisma
 * transaction works — so the notice exists exactly when the change it announces commits.
 * Call it from data-layer functions that have already authorised that change. Returns the
 * event id, the same for every endpoint and every retry.
 */
export async function enqueueWebhookEvent(
  tx: TxOption,
  accountId: string,
  type: WebhookEventType,
  data: Record<string, unknown>,
  now: Date = new Date(),
): Promise<string> {
  const envelope: WebhookEnvelope = { id: `evt_${randomUUID()}`, type, createdAt: now.toISOString(), data };
  await inSqlTransaction(tx, (sql) =>
    sql.query(
      `INSERT INTO outbox_message (topic, payload, created_at)
       SELECT 'webhook.deliver', jsonb_build_object('endpointId', id::text, 'eventId', $3::text, 'eventType', $2::text, 'body', $4::text), $5
       FROM webhook_endpoint
       WHERE active AND (account_id = $1::uuid OR account_id IS NULL) AND events && ARRAY[$2::text, $6::text]`,
      [accountId, type, envelope.id, JSON.stringify(envelope), now, ALL_WEBHOOK_EVENTS],
    ),
  );
  return envelope.id;
}
