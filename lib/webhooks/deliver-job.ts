import "server-only";
import { z } from "zod";
import { WORKER } from "@/lib/data/callers";
import { findEndpointForDelivery, recordDeliveryAttempt } from "@/lib/data/webhooks/endpoints";
import { env } from "@/lib/env";
import type { JobHandler } from "@/lib/jobs/registry";
import { WEBHOOK_EVENT_TYPES } from "./events";
import { postWebhook } from "./post-webhook";

const jobSchema = z.object({
  endpointId: z.string(),
  eventId: z.string(),
  eventType: z.enum(WEBHOOK_EVENT_TYPES),
  body: z.string(),
});

/**
 * The "webhook.deliver" job: one POST of one event to one endpoint, logged as a row of
 * webhook_delivery whatever happens. A failure throws, so pg-boss retries it with
 * exponential back-off (lib/jobs/topics.ts JOB_RETRY); an endpoint deactivated meanwhile
 * ends the job quietly. A target the address policy refuses (loopback, private network,
 * link-local … unless WEBHOOK_ALLOW_PRIVATE_ADDRESSES) is logged as one failed attempt and
 * not retried: the same URL would be refused again.
 */
export const handleWebhookDelivery: JobHandler = async (payload, context) => {
  const parsed = jobSchema.safeParse(payload);
  if (!parsed.success) {
    context.log("webhook.deliver: malformed job dropped", { issues: parsed.error.issues.length });
    return;
  }
  const job = parsed.data;
  const endpoint = await findEndpointForDelivery(WORKER, job.endpointId);
  if (!endpoint) {
    context.log("webhook.deliver: endpoint inactive or deleted; dropped", {
      endpointId: job.endpointId,
      eventId: job.eventId,
    });
    return;
  }
  const attempt = context.attempt ?? 1;
  const result = await postWebhook(
    endpoint,
    { id: job.eventId, type: job.eventType, body: job.body },
    { allowPrivate: env.WEBHOOK_ALLOW_PRIVATE_ADDRESSES },
  );
  await recordDeliveryAttempt(WORKER, {
    endpointId: endpoint.id,
    eventType: job.eventType,
    payload: JSON.parse(job.body) as unknown,
    attempt,
    responseCode: result.status,
    error: result.error,
  });
  if (result.refused) {
    context.log("webhook.deliver: target address refused; not retried", {
      endpointId: endpoint.id,
      eventId: job.eventId,
    });
    return;
  }
  if (!result.ok)
    throw new Error(`webhook ${job.eventId} to endpoint ${endpoint.id} failed (attempt ${attempt}): ${result.error}`);
};
