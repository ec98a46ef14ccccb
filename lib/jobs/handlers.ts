import { handleMailSend } from "@/lib/mail";
import type { JobHandlers } from "./registry";

const notYetImplemented = (topic: string) => async () => {
  throw new Error(`${topic}: handler not implemented yet`);
};

/** Every topic's handler. The worker (lib/jobs/worker.ts) runs these. */
export const jobHandlers: JobHandlers = {
  "mail.send": handleMailSend,
  "webhook.deliver": notYetImplemented("webhook.deliver"),
};
