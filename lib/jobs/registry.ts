import type { JobTopic } from "./topics";

export interface JobContext {
  log: (message: string, details?: Record<string, unknown>) => void;
  /** 1 on the first run, 2 on the first retry, … (the worker always sets it). */
  attempt?: number;
}

/** Runs one job. Throwing makes pg-boss retry it with back-off (lib/jobs/topics.ts). */
export type JobHandler = (payload: Record<string, unknown>, context: JobContext) => Promise<void>;

/** One handler per topic; the type makes a topic without a handler a compile error. */
export type JobHandlers = Record<JobTopic, JobHandler>;
