import { handleMailSend } from "@/lib/mail";
import { notifyOwners } from "@/lib/data/account/notifications";
import { handleExpireBlocksJob } from "@/lib/data/blocks/expire-job";
import { WORKER } from "@/lib/data/callers";
import { purgeIdempotencyRecords } from "@/lib/data/idempotency";
import { purgeRateLimits } from "@/lib/data/rate-limit";
import { issuePasswordReset, passwordResetJob } from "@/lib/data/users/passwords";
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
  "password-reset.issue": async (payload, context) => {
    const outcome = await issuePasswordReset(WORKER, passwordResetJob.parse(payload));
    // Never the address: whether a login uses it is what the request's answer keeps to itself.
    if (outcome === "too old") context.log("password-reset.issue: request older than its link's lifetime, dropped");
  },
  "owners.notify": async (_payload, context) => {
    const queued = await notifyOwners();
    if (queued > 0) context.log("owners.notify: notifications queued", { queued });
  },
};
