/**
 * What webhook endpoints can subscribe to. `*` subscribes to all of them, including types
 * added later.
 */
export const WEBHOOK_EVENT_TYPES = [
  "block.created",
  "block.escalated",
  "block.lifted",
  "block.reinstated",
  "block.expired",
  "appeal.submitted",
  "appeal.decided",
] as const;

export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

export const ALL_WEBHOOK_EVENTS = "*";

/** The body every delivery carries. `id` is the same for every endpoint and every retry: receivers dedupe by it. */
export interface WebhookEnvelope<T = Record<string, unknown>> {
  id: string;
  type: WebhookEventType;
  createdAt: string;
  data: T;
}

/** The job payload of one delivery to one endpoint (topic "webhook.deliver"). */
export interface WebhookDeliveryJob {
  endpointId: string;
  eventId: string;
  eventType: WebhookEventType;
  /** The exact JSON text to send; kept as text so every retry is signed over the same bytes. */
  body: string;
}
