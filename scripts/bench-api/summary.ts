import os from "node:os";
import type { LoadResult } from "../bench/http-load";
import { resultRow, TABLE_HEADER } from "./report";

const CREATION_RATIO_TARGET = 0.3;
const CHECK_RATE_TARGET = 2000;
const CHECK_P99_TARGET_MS = 50;

interface Run {
  results: LoadResult[];
  api: LoadResult;
  raw: LoadResult;
  check: LoadResult;
  seconds: number;
  connections: number;
  bodyBytes: number;
  commit: string;
  loadBefore: string;
  loadAfter: string;
}

const verdict = (met: boolean) => (met ? "met" : "**not met**");

/** The BENCHMARKS.md section for one run: numbers, targets, and how they were taken. */
export function describeRun(run: Run): string {
  const ratio = run.api.perSecond / run.raw.perSecond;
  const checkMet = run.check.perSecond >= CHECK_RATE_TARGET && run.check.latencyMs.p99 < CHECK_P99_TARGET_MS;
  const cpu = os.cpus()[0]?.model ?? "unknown CPU";
  return `## Relay API (\`npm run bench:api\`)

Run ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC at commit \`${run.commit}\`; ${os.cpus().length} × ${cpu}, Node ${process.version};
load average ${run.loadBefore} before the measurements, ${run.loadAfter} after (other processes share this machine).

${TABLE_HEADER}
${run.results.map(resultRow).join("\n")}

| target | measured | |
| --- | --- | --- |
| creation through the API ≥ ${CREATION_RATIO_TARGET} × raw insert | ${ratio.toFixed(2)} × (${run.api.perSecond.toFixed(0)} vs ${run.raw.perSecond.toFixed(0)} blocks/s) | ${verdict(ratio >= CREATION_RATIO_TARGET)} |
| status check ≥ ${CHECK_RATE_TARGET.toLocaleString("en-US")} requests/s, p99 < ${CHECK_P99_TARGET_MS} ms | ${run.check.perSecond.toFixed(0)} requests/s, p99 ${run.check.latencyMs.p99} ms | ${verdict(checkMet)} |

Both relay endpoints are answered by the front server's fast path (lib/api/relay-fast-path.ts),
which runs the route handlers' own functions before Next sees the request. The status check
verifies the key from a 10 s in-process cache, and the checks that arrive together are
answered by one prepared statement (lib/data/blocks/status-batcher.ts), which also checks
each check's key is unrevoked; creation is two
statements (actor and user lookup, then the block with its evidence, event and webhook rows
as one CTE). The last row is for scale: what a route handler under Next reaches when it
does nothing but refuse a request. (Served by its route handler under \`next start\`, before
the fast path existed, the status check measured 452 requests/s, p99 170 ms: run of
2026-11-28 02:08 UTC, commit 0bf2761.)

How: a throwaway embedded Postgres (seeded with one account, 620,000 SMTP users, 4,000 open
blocks), the production build served as \`npm start\` serves it (scripts/serve.ts), autocannon in the benchmark process
with ${run.connections} connections, 5 s warm-up per endpoint, then ${run.seconds} s per measurement.
Creation posts five evidence items (the mock-up's ABUSE story; ${run.bodyBytes.toLocaleString("en-US")} bytes of JSON) for a new SMTP
user each time, so every request creates a block (no webhook endpoints registered). The
raw baseline inserts the same rows (block, five evidence rows, CREATED event) over ${run.connections}
pg connections, one transaction per block, with none of the HTTP, validation, redaction
and lookups. The status check asks for a login out of 20,000 (every fifth blocked) and a
sender address. The load generator and Postgres run on the same two cores as the server.`;
}
