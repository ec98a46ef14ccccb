import type { JobTopic } from "./topics";

export interface JobContext {
  log: (message: string, details?: Record<string, unknown>) => void;
}

/** Runs one job. Throwing makes pg-boss retry it with back-off (lib/jobs/topics.ts). */
export type JobHandler = (payload: Record<string, unknown>, context: JobContext) => Promise<void>;

/** One handler per topic; the type makes a topic without a handler a compile error. */
export type JobHandlers = Record<JobTopic, JobHandler>;
