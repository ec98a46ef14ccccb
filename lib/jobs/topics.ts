/**
 * Every background job's name. A job is written to the outbox in the transaction of the
 * change it belongs to (lib/data/outbox.ts) and runs in the worker with retries.
 * Handlers are registered in lib/jobs/registry.ts.
 */
export const JOB_TOPICS = [
  "mail.send",
  "webhook.deliver",
] as const;

export type JobTopic = (typeof JOB_TOPICS)[number];

/** Retries with exponential back-off: 5 s, 10 s, 20 s … about 21 minutes in all. */
export const JOB_RETRY = { retryLimit: 8, retryDelay: 5, retryBackoff: true } as const;
