import autocannon from "autocannon";

export interface LoadResult {
  label: string;
  connections: number;
  seconds: number;
  requests: number;
  perSecond: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number };
  /** Socket errors and timeouts. */
  errors: number;
  non2xx: number;
  /** Body bytes per second received, for the record (the page is large). */
  megabytesPerSecond: number;
  /** CPU microseconds per request of the server, of Postgres and of the load generator (cpu-usage.ts). */
  cpuPerRequestUs?: { server: number; postgres: number; loadGenerator: number };
}

export interface LoadOptions {
  label: string;
  url: string;
  seconds: number;
  connections: number;
  headers?: Record<string, string>;
  /** Builds the path of request n; the URL's own path when absent. */
  path?: (n: number) => string;
}

/**
 * One autocannon run against a server in another process. Autocannon runs in this process:
 * on a two-core machine it competes for CPU with the server and Postgres, and it does so
 * equally in every run, which is what makes the runs comparable.
 */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  let n = 0;
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.seconds,
    headers: options.headers ?? {},
    ...(options.path && {
      requests: [{ setupRequest: (request) => ({ ...request, path: options.path!(n++) }) }],
    }),
  });
  return {
    label: options.label,
    connections: options.connections,
    seconds: result.duration,
    requests: result.requests.total,
    perSecond: result.requests.total / result.duration,
    latencyMs: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max },
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    megabytesPerSecond: (result as unknown as { throughput: { total: number } }).throughput.total / result.duration / 1e6,
  };
}
