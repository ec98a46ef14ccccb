import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { inject } from "vitest";
import { jobHandlers } from "@/lib/jobs/handlers";
import { poolSize } from "@/lib/db/pools";
import { startWorker, type RunningWorker } from "@/lib/jobs/worker";
import { settleEarlierOutbox } from "../../support/outbox";

export interface ReceivedDelivery {
  headers: IncomingHttpHeaders;
  body: string;
  answeredWith: number;
}

/** A real local HTTP receiver that answers with the given statuses in turn (the last one repeats). */
export async function startReceiver(statuses: number[] = [200]) {
  const received: ReceivedDelivery[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const status = statuses[Math.min(received.length, statuses.length - 1)]!;
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString("utf8"), answeredWith: status });
      response.writeHead(status, { "content-type": "text/plain" }).end(status < 300 ? "ok" : "try later");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/block-reports`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Polls until `check` holds (deliveries are asynchronous); fails with `what` after the timeout. */
export async function waitFor(
  what: string,
  check: () => boolean | Promise<boolean>,
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * The real worker against the test database, dispatching the outbox every 200 ms with a
 * short back-off for tests (1 s, 2 s …; production uses JOB_RETRY: 5 s, 10 s …).
 */
export async function startDeliveryWorker(): Promise<RunningWorker> {
  await settleEarlierOutbox();
  return startWorker({
    databaseUrl: inject("databaseUrl"),
    poolSizes: { outbox: poolSize("outbox"), jobs: poolSize("jobs") },
    handlers: jobHandlers,
    log: () => {},
    dispatchIntervalMs: 200,
    retry: { retryLimit: 4, retryDelay: 1, retryBackoff: true },
  });
}
