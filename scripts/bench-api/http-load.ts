import autocannon from "autocannon";

export interface LoadResult {
  label: string;
  connections: number;
  seconds: number;
  requests: number;
  perSecond: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number };
  failures: number;
}

export interface LoadOptions {
  label: string;
  url: string;
  seconds: number;
  connections: number;
  headers: Record<string, string>;
  /** Builds each request (method, path, body) from a running counter; `expect` is the status that counts as success (2xx by default). */
  request: (n: number) => { method: "GET" | "POST"; path: string; body?: string; expect?: number };
}

/** Drives the running server with autocannon and summarises the run. Non-2xx answers count as failures. */
export async function runHttpLoad(options: LoadOptions): Promise<LoadResult> {
  let n = 0;
  const expected = options.request(0).expect;
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.seconds,
    headers: options.headers,
    requests: [{
      setupRequest: (request) => {
        const { method, path, body } = options.request(n++);
        return { ...request, method, path, ...(body !== undefined && { body }) };
      },
    }],
  });
  const requests = result.requests.total;
  return {
    label: options.label,
    connections: options.connections,
    seconds: result.duration,
    requests,
    perSecond: requests / result.duration,
    latencyMs: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max },
    failures: result.errors + result.timeouts + (expected === undefined ? result.non2xx : result.requests.total - (result.statusCodeStats?.[String(expected)]?.count ?? 0)),
  };
}
