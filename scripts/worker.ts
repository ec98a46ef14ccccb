// `npm run worker`: the background worker alone, for deployments that run it apart from
// the web instances. `npm start` runs the same worker in-process with the app.
import { poolSize } from "@/lib/db/pools";
import { env, requireDatabaseUrl } from "@/lib/env";
import { jobHandlers } from "@/lib/jobs/handlers";
import { logWorkerEvent, startWorker } from "@/lib/jobs/worker";
import { logger, routeConsoleToLogger } from "@/lib/log";

routeConsoleToLogger();
const worker = await startWorker({
  databaseUrl: requireDatabaseUrl(),
  poolSizes: { outbox: poolSize("outbox"), jobs: poolSize("jobs") },
  handlers: jobHandlers,
  log: logWorkerEvent,
});
logger.info({ env: env.NODE_ENV }, "worker started");

const stop = async (signal: string) => {
  logger.info({ signal }, "worker stopping");
  await worker.stop();
  process.exit(0);
};
process.once("SIGINT", () => void stop("SIGINT"));
process.once("SIGTERM", () => void stop("SIGTERM"));
