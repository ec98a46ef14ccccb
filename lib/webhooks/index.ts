export { enqueueWebhookEvent } from "@/lib/data/webhooks/enqueue-webhook-event";
export {
  WEBHOOK_EVENT_TYPES,
  ALL_WEBHOOK_EVENTS,
  type WebhookEventType,
  type WebhookEnvelope,
  type WebhookDeliveryJob,
} from "./events";
export {
  SIGNATURE_HEADER,
  SIGNATURE_TOLERANCE_SECONDS,
  computeSignature,
  signatureHeader,
  verifySignature,
  type SignatureCheck,
} from "./signature";
