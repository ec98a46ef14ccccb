import autocannon from "autocannon";

export interface LoadRequest {
  method: "GET" | "POST";
  path: string;
  body?: string;
}

export interface LoadOptions {
  label: string;
  url: string;
  seconds: number;
  connections: number;
  headers?: Record<string, string>;
  /** Builds request n from a running counter; without it every request is a GET of `url`. */
  request?: (n: number) => LoadRequest;
  /** The one status that counts as success; any 2xx when absent. */
  expectStatus?: number;
}

export interface LoadResult {
  label: string;
  connections: number;
  seconds: number;
  requests: number;
  perSecond: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number };
  /** Socket errors and timeouts. */
  errors: number;
  /** Answers other than the expected status (other than 2xx when none is expected). */
  unexpected: number;
  /** Body bytes per second received. */
  megabytesPerSecond: number;
  /** CPU microseconds per request of the server, of Postgres and of the load generator, where measured. */
  cpuPerRequestUs?: { server: number; postgres: number; loadGenerator: number };
}

/**
 * One autocannon run against a server in another process. Autocannon runs in this process:
 * on a two-core machine it competes for CPU with the server and Postgres, and it does so
 * equally in every run, which is what makes runs in one benchmark comparable.
 */
export async function runHttpLoad(options: LoadOptions): Promise<LoadResult> {
  let n = 0;
  const build = options.request;
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.seconds,
    headers: options.headers ?? {},
    ...(build && {
      requests: [
        {
          setupRequest: (request) => {
            const { method, path, body } = build(n++);
            return { ...request, method, path, ...(body !== undefined && { body }) };
          },
        },
      ],
    }),
  });
  const total = result.requests.total;
  const expected = options.expectStatus;
  return {
    label: options.label,
    connections: options.connections,
    seconds: result.duration,
    requests: total,
    perSecond: total / result.duration,
    latencyMs: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max },
    errors: result.errors + result.timeouts,
    unexpected:
      expected === undefined ? result.non2xx : total - (result.statusCodeStats?.[String(expected)]?.count ?? 0),
    megabytesPerSecond:
      (result as unknown as { throughput: { total: number } }).throughput.total / result.duration / 1e6,
  };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

/**
 * Several runs of one measurement as one: requests, errors, bytes, time and CPU summed (so the
 * rate and the CPU per request are the totals'), the latency percentiles the runs' median
 * (autocannon gives no histogram to merge), the maximum the largest.
 */
export function combineRounds(rounds: LoadResult[]): LoadResult {
  if (rounds.length === 0) throw new Error("no rounds to combine");
  const sum = (pick: (round: LoadResult) => number) => rounds.reduce((total, round) => total + pick(round), 0);
  const seconds = sum((round) => round.seconds);
  const requests = sum((round) => round.requests);
  const cpuOf = (pick: (cpu: NonNullable<LoadResult["cpuPerRequestUs"]>) => number) =>
    sum((round) => (round.cpuPerRequestUs ? pick(round.cpuPerRequestUs) * round.requests : Number.NaN)) / requests;
  return {
    label: `${rounds[0]!.label}, ${rounds.length} rounds`,
    connections: rounds[0]!.connections,
    seconds,
    requests,
    perSecond: requests / seconds,
    latencyMs: {
      p50: median(rounds.map((round) => round.latencyMs.p50)),
      p90: median(rounds.map((round) => round.latencyMs.p90)),
      p99: median(rounds.map((round) => round.latencyMs.p99)),
      max: Math.max(...rounds.map((round) => round.latencyMs.max)),
    },
    errors: sum((round) => round.errors),
    unexpected: sum((round) => round.unexpected),
    megabytesPerSecond: sum((round) => round.megabytesPerSecond * round.seconds) / seconds,
    cpuPerRequestUs: {
      server: cpuOf((cpu) => cpu.server),
      postgres: cpuOf((cpu) => cpu.postgres),
      loadGenerator: cpuOf((cpu) => cpu.loadGenerator),
    },
  };
}
