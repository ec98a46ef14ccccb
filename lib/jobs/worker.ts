import pg from "pg";
import type PgBoss from "pg-boss";
import { logger } from "@/lib/log";
import { startBoss } from "./boss";
import { dispatchOutbox } from "./dispatcher";
import type { JobHandlers } from "./registry";
import { JOB_SCHEDULES, JOB_TOPICS, type JobTopic, type RetryPolicy } from "./topics";

export interface WorkerOptions {
  databaseUrl: string;
  /** The sizes of the outbox dispatcher's pool and pg-boss's: POOLS.outbox and POOLS.jobs (lib/db/pools.ts). */
  poolSizes: { outbox: number; jobs: number };
  handlers: JobHandlers;
  log: (level: "info" | "warn" | "error", message: string, details?: Record<string, unknown>) => void;
  dispatchIntervalMs?: number;
  /** Overrides JOB_RETRY for every queue (tests use a short delay). */
  retry?: RetryPolicy;
}

export interface RunningWorker {
  boss: PgBoss;
  /** Runs the dispatcher once now (tests use it instead of waiting for the interval). */
  dispatchNow: () => Promise<number>;
  stop: () => Promise<void>;
}

/** WorkerOptions.log as `npm start` and `npm run worker` use it: one JSON line per event. */
export const logWorkerEvent: WorkerOptions["log"] = (level, message, details) => logger[level](details ?? {}, message);

/**
 * The background worker: dispatches the outbox into pg-boss and runs every registered
 * handler. `npm start` runs it beside the app; `npm run worker` runs it alone.
 */
export async function startWorker(options: WorkerOptions): Promise<RunningWorker> {
  const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSizes.outbox });
  // An idle connection dropped by the server (restart, failover) must not crash the worker.
  pool.on("error", (error) => options.log("warn", "worker database connection lost", { error: error.message }));
  // So must one dropped while checked out (between checkout and its user listening, or
  // while a dispatch runs): without a listener it would be an uncaught 'error' event.
  pool.on("connect", (client) => {
    client.on("error", (error) => options.log("warn", "worker database connection lost", { error: error.message }));
  });
  const boss = await startBoss(
    options.databaseUrl,
    (error) => options.log("error", "pg-boss error", { error: error.message }),
    options.poolSizes.jobs,
    options.retry,
  );
  for (const topic of JOB_TOPICS) {
    await boss.work<Record<string, unknown>>(
      topic,
      { pollingIntervalSeconds: 0.5, includeMetadata: true },
      async (jobs) => {
        const handler = options.handlers[topic];
        for (const job of jobs) {
          const log = (message: string, details?: Record<string, unknown>) =>
            options.log("info", message, { topic, jobId: job.id, ...details });
          await handler(job.data, { log, attempt: job.retryCount + 1 });
        }
      },
    );
  }
  for (const [topic, cron] of Object.entries(JOB_SCHEDULES) as [JobTopic, string][]) {
    await boss.schedule(topic, cron, {}, { tz: "UTC" });
  }
  let dispatching = false;
  const dispatchNow = async () => {
    if (dispatching) return 0;
    dispatching = true;
    try {
      return await dispatchOutbox(pool, boss);
    } finally {
      dispatching = false;
    }
  };
  const timer = setInterval(() => {
    dispatchNow().catch((error: Error) =>
      options.log("warn", "outbox dispatch failed; will retry", { error: error.message }),
    );
  }, options.dispatchIntervalMs ?? 500);
  return {
    boss,
    dispatchNow,
    async stop() {
      clearInterval(timer);
      await boss.stop({ graceful: true, timeout: 5000, wait: true });
      await pool.end();
    },
  };
}
