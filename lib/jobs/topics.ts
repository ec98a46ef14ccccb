/**
 * Every background job's name. A job is written to the outbox in the transaction of the
 * change it belongs to (lib/data/outbox.ts) and runs in the worker with retries.
 * Handlers are registered in lib/jobs/registry.ts.
 */
export const JOB_TOPICS = [
  "mail.send",
  "webhook.deliver",
  "blocks.expire",
  "idempotency.purge",
  "rate-limits.purge",
  "owners.notify",
  "password-reset.issue",
] as const;

export type JobTopic = (typeof JOB_TOPICS)[number];

/** Retries with exponential back-off: 5 s, 10 s, 20 s … about 21 minutes in all. */
export const JOB_RETRY = { retryLimit: 8, retryDelay: 5, retryBackoff: true } as const;

/** A queue's retry policy; the worker can override JOB_RETRY (tests use a short delay). */
export interface RetryPolicy {
  retryLimit: number;
  /** Seconds before the first retry; doubled (with jitter) each time when retryBackoff. */
  retryDelay: number;
  retryBackoff: boolean;
}

/**
 * Jobs pg-boss starts on a cron schedule (UTC) rather than from the outbox. pg-boss runs
 * each at most once per slot however many workers there are.
 */
export const JOB_SCHEDULES: Partial<Record<JobTopic, string>> = {
  "blocks.expire": "* * * * *",
  "idempotency.purge": "17 * * * *",
  "rate-limits.purge": "47 * * * *",
  // Account owners' block notifications (lib/data/account/notifications.ts).
  "owners.notify": "* * * * *",
};
