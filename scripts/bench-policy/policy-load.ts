import { connect, type Socket } from "node:net";

export interface PolicyLoadResult {
  label: string;
  connections: number;
  seconds: number;
  requests: number;
  perSecond: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number };
  /** Answers by their first word (DUNNO, 550, 451 …). */
  answers: Record<string, number>;
  errors: number;
}

const percentile = (sorted: Float64Array, p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;

/*
 * `connections` policy clients, each as Postfix's smtpd uses one: send a request, wait for
 * its answer, send the next, for `seconds`. Runs in this process (another than the server's);
 * latency is from the write to the end of the answer.
 */
export async function runPolicyLoad(options: {
  label: string;
  port: number;
  connections: number;
  seconds: number;
  request: (n: number) => string;
}): Promise<PolicyLoadResult> {
  let n = 0;
  let errors = 0;
  const latencies: number[] = [];
  const answers: Record<string, number> = {};
  const deadline = performance.now() + options.seconds * 1000;
  const started = performance.now();

  async function client(): Promise<void> {
    const socket: Socket = connect({ port: options.port, host: "127.0.0.1" });
    socket.setNoDelay(true);
    await new Promise<void>((resolve, reject) => {
      socket.once("connect", resolve);
      socket.once("error", reject);
    });
    let buffered = "";
    let sentAt = 0;
    let done: (() => void) | undefined;
    socket.setEncoding("utf8");
    socket.on("data", (chunk: string) => {
      buffered += chunk;
      const end = buffered.indexOf("\n\n");
      if (end < 0) return;
      const answer = buffered.slice(0, end);
      buffered = buffered.slice(end + 2);
      latencies.push(performance.now() - sentAt);
      const word = answer.slice("action=".length).split(" ")[0] ?? "?";
      answers[word] = (answers[word] ?? 0) + 1;
      done?.();
    });
    socket.on("error", () => {
      errors += 1;
      done?.();
    });
    while (performance.now() < deadline && !socket.destroyed) {
      await new Promise<void>((resolve) => {
        done = resolve;
        sentAt = performance.now();
        socket.write(options.request(n++));
      });
    }
    socket.destroy();
  }

  await Promise.all(Array.from({ length: options.connections }, () => client()));
  const elapsed = (performance.now() - started) / 1000;
  const sorted = Float64Array.from(latencies).sort();
  return {
    label: options.label,
    connections: options.connections,
    seconds: elapsed,
    requests: latencies.length,
    perSecond: latencies.length / elapsed,
    latencyMs: {
      p50: percentile(sorted, 0.5),
      p90: percentile(sorted, 0.9),
      p99: percentile(sorted, 0.99),
      max: sorted[sorted.length - 1] ?? 0,
    },
    answers,
    errors,
  };
}
