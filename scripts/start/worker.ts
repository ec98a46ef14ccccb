/**
 * The worker `npm start` runs in its own process, beside the app's. It logs as `npm run worker`
 * does: one JSON line per event through pino, console output of libraries included. lib
 * modules read the environment on import, so they load only when this is called.
 */
export async function startWorkerBesideApp(databaseUrl: string, { quiet }: { quiet: () => boolean }) {
  const { logWorkerEvent, startWorker } = await import("@/lib/jobs/worker");
  const { jobHandlers } = await import("@/lib/jobs/handlers");
  const { routeConsoleToLogger } = await import("@/lib/log");
  const { poolSize } = await import("@/lib/db/pools");
  routeConsoleToLogger();
  return startWorker({
    databaseUrl,
    poolSizes: { outbox: poolSize("outbox"), jobs: poolSize("jobs") },
    handlers: jobHandlers,
    log: (level, message, details) => {
      if (!quiet()) logWorkerEvent(level, message, details);
    },
  });
}
