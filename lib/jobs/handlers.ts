import { handleMailSend } from "@/lib/mail";
import { notifyOwners } from "@/lib/data/account/notifications";
import { handleExpireBlocksJob } from "@/lib/data/blocks/expire-job";
import { WORKER } from "@/lib/data/callers";
import { purgeIdempotencyRecords } from "@/lib/data/idempotency";
import { purgeRateLimits } from "@/lib/data/rate-limit";
import { handleWebhookDelivery } from "@/lib/webhooks/deliver-job";
import type { JobHandlers } from "./registry";

/** Every topic's handler. The worker (lib/jobs/worker.ts) runs these. */
export const jobHandlers: JobHandlers = {
  "mail.send": handleMailSend,
  "webhook.deliver": handleWebhookDelivery,
  "blocks.expire": handleExpireBlocksJob,
  "idempotency.purge": async () => {
    await purgeIdempotencyRecords(WORKER);
  },
  "rate-limits.purge": async () => {
    await purgeRateLimits(WORKER);
  },
  "owners.notify": async (_payload, context) => {
    const queued = await notifyOwners();
    if (queued > 0) context.log("owners.notify: notifications queued", { queued });
  },
};
