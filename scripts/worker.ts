// `npm run worker`: the background worker alone, for deployments that run it apart from
// the web instances. `npm start` runs the same worker in-process with the app.
import { env, requireDatabaseUrl } from "@/lib/env";
import { jobHandlers } from "@/lib/jobs/handlers";
import { startWorker } from "@/lib/jobs/worker";
import { logger } from "@/lib/log";

const worker = await startWorker({
  databaseUrl: requireDatabaseUrl(),
  handlers: jobHandlers,
  log: (level, message, details) => logger[level](details ?? {}, message),
});
logger.info({ env: env.NODE_ENV }, "worker started");

const stop = async (signal: string) => {
  logger.info({ signal }, "worker stopping");
  await worker.stop();
  process.exit(0);
};
process.once("SIGINT", () => void stop("SIGINT"));
process.once("SIGTERM", () => void stop("SIGTERM"));
