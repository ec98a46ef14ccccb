import os from "node:os";
import type { PageJavaScript } from "./js-size";
import { num, targetRow } from "../bench/benchmarks-file";
import type { LoadResult } from "../bench/http-load";
import type { RoundTrips } from "./round-trips";
import { kB, LOAD_TABLE_HEADER, loadRow } from "./section";

export interface BenchRun {
  commit: string;
  loadBefore: string;
  loadAfter: string;
  seeded: { blocks: number; evidence: number; events: number };
  page: PageBytes;
  floorPage: PageBytes;
  cached: LoadResult;
  gzip: LoadResult;
  uncached: LoadResult;
  floor: LoadResult;
  /** The alternating rounds uncached and floor combine, in the order they ran pairwise. */
  renderedRounds: LoadResult[];
  floorRounds: LoadResult[];
  bare: LoadResult;
  roundTrips: RoundTrips[];
  reportJs: PageJavaScript;
  emptyJs: PageJavaScript;
  nextVersion: string;
}

export interface PageBytes {
  html: number;
  /** The RSC payload Next inlines into the HTML (its self.__next_f.push scripts). */
  rsc: number;
}

export function pageBytes(html: string): PageBytes {
  const rsc = [...html.matchAll(/<script[^>]*>(self\.__next_f\.push\(.*?)<\/script>/gs)].reduce(
    (sum, match) => sum + Buffer.byteLength(match[1]!),
    0,
  );
  return { html: Buffer.byteLength(html), rsc };
}

const percent = (value: number) => `${num(value * 100)} %`;

/** Who used how much of the machine during a run: one core is 100 %. */
function coreShares(result: LoadResult): string {
  const cpu = result.cpuPerRequestUs;
  if (!cpu || Number.isNaN(cpu.server)) return "";
  const share = (us: number) => percent((us * result.perSecond) / 1e6);
  return `the server used ${share(cpu.server)} of one core, Postgres ${share(cpu.postgres)}, autocannon (a single thread) ${share(cpu.loadGenerator)}`;
}

function cpuComparison(cached: LoadResult, bare: LoadResult): string {
  const ours = cached.cpuPerRequestUs;
  const theirs = bare.cpuPerRequestUs;
  if (!ours || !theirs || Number.isNaN(ours.server)) return "not measured here (no /proc)";
  const total = ours.server + ours.postgres;
  return (
    `a cached view costs ${num(ours.server)} µs in the server and ${num(ours.postgres)} µs in Postgres ` +
    `(${num(total)} µs), the bare server ${num(theirs.server)} µs per request: ${num(theirs.server / total, 2)} × by that measure`
  );
}

/** Server and Postgres CPU microseconds per request. */
const cpuPerView = (result: LoadResult) =>
  (result.cpuPerRequestUs?.server ?? Number.NaN) + (result.cpuPerRequestUs?.postgres ?? Number.NaN);

/** The bench:report section of BENCHMARKS.md, in words a reader can check. */
export function describeRun(run: BenchRun): string {
  const { cached, bare, reportJs, emptyJs, uncached, floor } = run;
  const ratio = cached.perSecond / bare.perSecond;
  const floorRatio = uncached.perSecond / floor.perSecond;
  const roundRatios = run.renderedRounds
    .map((round, i) => num(round.perSecond / run.floorRounds[i]!.perSecond, 2))
    .join(", ");
  const cpuRatio = cpuPerView(floor) / cpuPerView(uncached);
  const extraJs = reportJs.gzipBytes - emptyJs.gzipBytes;
  const cpu = os.cpus();
  const when = new Date().toISOString().slice(0, 16).replace("T", " ");
  return `
## Report page (\`npm run bench:report\`)

Run ${when} UTC at commit \`${run.commit}\`; ${cpu.length} × ${cpu[0]?.model.trim() ?? "CPU"}, Node ${process.version};
load average ${run.loadBefore} before the measurements, ${run.loadAfter} after. Other engineers run
test suites (Chromium, Postgres) on the same two cores, so these numbers move with their work.

${LOAD_TABLE_HEADER}
${[run.cached, run.gzip, run.uncached, run.floor, run.bare].map(loadRow).join("\n")}

| target | measured | |
| --- | --- | --- |
${[
  targetRow("≥ 1,000 report views/s", `${num(cached.perSecond)} views/s`, cached.perSecond >= 1000),
  targetRow("p99 < 100 ms", `${num(cached.latencyMs.p99, 1)} ms`, cached.latencyMs.p99 < 100),
  targetRow(
    "zero errors",
    `${num(cached.errors)} errors, ${num(cached.unexpected)} non-2xx`,
    cached.errors + cached.unexpected === 0,
  ),
  targetRow(
    "≥ 0.05 × a bare node:http server with the same bytes",
    `${num(ratio, 2)} × (${num(cached.perSecond)} vs ${num(bare.perSecond)} requests/s)`,
    ratio >= 0.05,
  ),
  targetRow(
    "a rendered view ≥ 0.7 × Next's floor (the same markup from a constant)",
    `${num(floorRatio, 2)} × (${num(uncached.perSecond)} vs ${num(floor.perSecond)} views/s)`,
    floorRatio >= 0.7,
  ),
  targetRow(
    "page JavaScript ≤ 10 kB (gzip) over an empty App Router page",
    `${extraJs >= 0 ? "+" : ""}${kB(extraJs)} (${kB(reportJs.gzipBytes)} vs ${kB(emptyJs.gzipBytes)})`,
    extraJs <= 10_000,
  ),
].join("\n")}

Database round trips per view, counted on the wire between the app and Postgres (every
simple Query and every extended-protocol Sync the app sends; scripts/bench-report/wire-counter.ts):

| views | round trips per view |
| --- | ---: |
${run.roundTrips.map((r) => `| ${r.label}, ${num(r.views)} views | **${num(r.perView, 2)}** |`).join("\n")}

| JavaScript a current browser loads (\`<script src>\`, noModule left out), gzip level 9 | scripts | bytes | gzip |
| --- | ---: | ---: | ---: |
| report page (\`/?id&auth\`, the demo report below) | ${reportJs.scripts.length} | ${num(reportJs.bytes)} | ${num(reportJs.gzipBytes)} |
| empty App Router page (\`<p>empty</p>\`), same Next.js ${run.nextVersion} | ${emptyJs.scripts.length} | ${num(emptyJs.bytes)} | ${num(emptyJs.gzipBytes)} |

During the cached run ${coreShares(cached)}; during the bare server's run ${coreShares(bare)}.
Where autocannon nears a full core, it is the limit, not the server, and the two request rates
say little about each other. CPU per request says more: ${cpuComparison(cached, bare)}.

How: a throwaway embedded Postgres with the demo data and ${num(run.seeded.blocks)} generated blocks
(${num(run.seeded.evidence)} evidence rows, ${num(run.seeded.events)} events); the production build served as
\`npm start\` serves it (scripts/serve.ts: the front server with its page cache in front of Next);
autocannon in the benchmark process, 5 s warm-up, then ${num(cached.seconds, 0)} s per measurement; the rendered
view and the floor in ${run.renderedRounds.length} rounds of ${num(run.renderedRounds[0]!.seconds, 0)} s each, alternating (rendered, floor, floor,
rendered, …) with both servers up throughout, so load from elsewhere falls on both alike; their rows are the
rounds' totals (latency: the rounds' median). The rounds' ratios: ${roundRatios}; by server and Postgres CPU
per view (${num(cpuPerView(uncached))} vs ${num(cpuPerView(floor))} µs): ${num(cpuRatio, 2)} ×. The page
is the "abuse, active" demo report, ${num(run.page.html)} bytes of HTML, ${num(run.page.rsc)} of them the RSC payload
(the floor page: ${num(run.floorPage.html)} and ${num(run.floorPage.rsc)}); autocannon sends no
Accept-Encoding unless stated, so the page goes uncompressed, as it does to the bare server. Every
view runs the link's version query (the authorization check); a cached view adds no render. The
uncached row gives every request its own URL (an extra query parameter), so Next renders each one:
what every view cost before the cache, and what the first view of each link costs. The floor page
(scripts/bench-report/empty-app.ts) is the same body markup, read from the report page as served,
made into React elements once and rendered by a minimal Next app per request: Next's own cost
for those bytes, without data, formatting or client components. The bare server (scripts/bench-report/bare-server.ts) answers
every request with the same HTML from memory, in its own process, under the same load.
`;
}
