// `npm run bench:lighthouse [-- --runs 5]`: Lighthouse (mobile, its default simulated
// throttling) on the demo report, "find your report" and the sign-in page, served as
// `npm start` serves them, in Debian's Chromium (CHROME_PATH, default /usr/bin/chromium).
// Writes its section of BENCHMARKS.md. Targets: performance ≥ 0.98, LCP ≤ 1.5 s.
import { execFileSync } from "node:child_process";
import { parseArgs } from "node:util";
import lighthouse from "lighthouse";
import { chromium, type Browser } from "playwright-core";
import { demoSecret } from "@/prisma/seed/demo-content";
import { CHROMIUM, CHROMIUM_ARGS } from "../tests/support/chromium";
import { freePort, startTestDatabase } from "../tests/support/embedded-db";
import { num, targetRow, writeBenchmarkSection } from "./bench/benchmarks-file";
import { startEmptyApp } from "./bench-report/empty-app";
import { pageMarkupTree } from "./bench-report/floor-tree";
import { seedBenchData } from "./bench-report/seed";
import { startServer, type RunningServer } from "./bench-report/servers";
import { ensureBuild } from "./start/build";
import { frontServerCommand } from "./start/front-server";
import { loadAverage, benchLogger, BENCH_REPORT_LINK_KEY } from "./bench/bench-env";
import { lanternLcpRequests } from "./bench/lantern-lcp-requests";

const { values } = parseArgs({ options: { runs: { type: "string", default: "5" } } });
const runs = Math.max(1, Number(values.runs));
const say = benchLogger("lighthouse");
const REPORT_ID = "1ec5d310c951ebd54d84"; // the "abuse, active" demo report
const PAGES = [
  {
    label: 'report (`/?id&auth`, the "abuse, active" demo report)',
    path: `/?id=${REPORT_ID}&auth=${demoSecret(REPORT_ID)}`,
  },
  { label: "find your report (`/`)", path: "/" },
  { label: "staff sign-in (`/sign-in`)", path: "/sign-in" },
];
const FLOOR_LABEL =
  "Next's floor for the report: its markup and stylesheet from a constant, in a minimal Next app (`/floor`)";

interface Run {
  score: number;
  lcpMs: number;
  fcpMs: number;
  tbtMs: number;
  cls: number;
  /** The page's scripts, and those Lantern's simulated LCP waited for (scripts/bench/lantern-lcp-requests.ts). */
  scripts: number;
  scriptsInLcp: number;
  scriptKbInLcp: number;
}

const median = (numbers: number[]) => [...numbers].sort((a, b) => a - b)[Math.floor(numbers.length / 2)]!;

/**
 * "simulate" is Lighthouse's default: it loads the page unthrottled and estimates the slow phone
 * (Lantern). "devtools" slows the load itself (Chromium's network and CPU throttling with the same
 * phone and network), so its LCP is what was painted, when it was painted.
 */
type Throttling = "simulate" | "devtools";

async function audit(url: string, port: number, throttlingMethod: Throttling = "simulate"): Promise<Run> {
  const result = await lighthouse(url, {
    port,
    onlyCategories: ["performance"],
    output: "json",
    logLevel: "error",
    throttlingMethod,
  });
  if (!result) throw new Error("Lighthouse returned nothing");
  const { lhr } = result;
  if (lhr.runtimeError) throw new Error(`Lighthouse: ${lhr.runtimeError.message}`);
  const audits = lhr.audits;
  const value = (id: string) => audits[id]?.numericValue ?? Number.NaN;
  const requests = (audits["network-requests"]?.details as { items?: { resourceType?: string }[] } | undefined)?.items;
  // Lantern's graphs are the simulated method's; a devtools run has nothing estimated to look into.
  const scriptsInLcp =
    throttlingMethod === "simulate"
      ? (await lanternLcpRequests(result)).filter((request) => request.resourceType === "Script")
      : [];
  return {
    scripts: requests?.filter((request) => request.resourceType === "Script").length ?? Number.NaN,
    scriptsInLcp: scriptsInLcp.length,
    scriptKbInLcp: scriptsInLcp.reduce((sum, request) => sum + request.transferBytes, 0) / 1000,
    score: lhr.categories.performance?.score ?? Number.NaN,
    lcpMs: value("largest-contentful-paint"),
    fcpMs: value("first-contentful-paint"),
    tbtMs: value("total-blocking-time"),
    cls: value("cumulative-layout-shift"),
  };
}

// Demo links are sealed with this key (lib/report-link): the seed and the server need the same one.
const REPORT_LINK_KEY = BENCH_REPORT_LINK_KEY;
process.env.REPORT_LINK_KEY = REPORT_LINK_KEY;

const db = await startTestDatabase();
let app: RunningServer | undefined;
let floorApp: RunningServer | undefined;
let browser: Browser | undefined;
try {
  await seedBenchData(db.url, 0, say);
  await ensureBuild(say);
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  app = await startServer({
    ...frontServerCommand({ port, hostname: "127.0.0.1" }),
    port,
    readyPath: "/api/health",
    env: {
      DATABASE_URL: db.url,
      PUBLIC_BASE_URL: base,
      NEXTAUTH_URL: base,
      NEXTAUTH_SECRET: "bench-only-secret-0123456789abcdefghijkl",
      REPORT_LINK_KEY,
      LOG_LEVEL: "warn",
    },
  });
  // Lighthouse drives the browser over its DevTools port; Playwright only starts and stops it.
  const debuggingPort = await freePort();
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [...CHROMIUM_ARGS, `--remote-debugging-port=${debuggingPort}`],
  });
  // The baseline: the report's markup and stylesheet from a constant, served by a minimal
  // Next app (scripts/bench-report/empty-app.ts), as bench:report's floor but styled.
  say("building Next's floor for the report (its markup and stylesheet from a constant)…");
  const reportUrl = base + PAGES[0]!.path;
  const reportHtml = await (await fetch(reportUrl)).text();
  const stylesheets = [...reportHtml.matchAll(/<link rel="stylesheet" href="([^"]+)"/g)].map((match) => match[1]!);
  const stylesheet = (await Promise.all(stylesheets.map(async (href) => (await fetch(base + href)).text()))).join("\n");
  floorApp = await startEmptyApp(await freePort(), await pageMarkupTree(reportUrl), { stylesheet });
  const floorUrl = `${floorApp.url}/floor`;

  const loadBefore = loadAverage();
  const rows: { label: string; runs: Run[] }[] = [];
  const logRuns = (label: string, measured: Run[]) =>
    say(
      `${label}: performance ${measured.map((r) => r.score).join(", ")}; LCP ${measured.map((r) => Math.round(r.lcpMs)).join(", ")} ms; scripts in the LCP estimate ${measured.map((r) => r.scriptsInLcp).join(", ")}`,
    );
  // The report and its floor alternately, run by run, so load from elsewhere falls on both alike.
  await audit(reportUrl, debuggingPort); // warm-up: the first render and the browser's caches
  await audit(floorUrl, debuggingPort);
  const reportRuns: Run[] = [];
  const floorRuns: Run[] = [];
  for (let i = 0; i < runs; i += 1) {
    reportRuns.push(await audit(reportUrl, debuggingPort));
    floorRuns.push(await audit(floorUrl, debuggingPort));
  }
  logRuns(PAGES[0]!.label, reportRuns);
  logRuns("floor", floorRuns);
  rows.push({ label: PAGES[0]!.label, runs: reportRuns });
  rows.push({ label: FLOOR_LABEL, runs: floorRuns });
  await floorApp.stop();
  for (const page of PAGES.slice(1)) {
    await audit(base + page.path, debuggingPort);
    const measured: Run[] = [];
    for (let i = 0; i < runs; i += 1) measured.push(await audit(base + page.path, debuggingPort));
    logRuns(page.label, measured);
    rows.push({ label: page.label, runs: measured });
  }
  // The demo report once more with the load itself slowed: what a phone on slow 4G is shown.
  const observed: Run[] = [];
  for (let i = 0; i < runs; i += 1) observed.push(await audit(base + PAGES[0]!.path, debuggingPort, "devtools"));
  say(
    `report with devtools throttling: performance ${observed.map((r) => r.score).join(", ")}; LCP ${observed.map((r) => Math.round(r.lcpMs)).join(", ")} ms`,
  );
  const loadAfter = loadAverage();
  const version = `Chromium ${browser.version()}`;
  const lighthouseVersion = (await import("lighthouse/package.json", { with: { type: "json" } })).default
    .version as string;
  const dirty = execFileSync("git", ["status", "--porcelain", "--", "app", "components", "lib", "proxy.ts"], {
    encoding: "utf8",
  }).trim();
  const commit =
    execFileSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim() +
    (dirty ? " plus uncommitted changes" : "");
  const report = rows[0]!;
  const reportScore = median(report.runs.map((r) => r.score));
  const reportLcp = median(report.runs.map((r) => r.lcpMs));
  const floorLcp = median(rows[1]!.runs.map((r) => r.lcpMs));
  const section = `
## Lighthouse (\`npm run bench:lighthouse\`)

Run ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC at commit \`${commit}\`; Lighthouse ${lighthouseVersion}, ${version},
mobile (Lighthouse's default: a mid-range phone, simulated slow 4G and 4 × CPU slowdown), performance only;
load average ${loadBefore} before, ${loadAfter} after (other engineers share the two cores, which moves these numbers).
Each page: one warm-up run, then ${runs} measured runs; the median is shown, every run in brackets.

| page | performance | LCP | FCP | TBT | CLS | scripts in the LCP estimate |
| --- | ---: | ---: | ---: | ---: | ---: | ---: |
${rows.map(({ label, runs: r }) => `| ${label} | **${num(median(r.map((x) => x.score)), 2)}** (${r.map((x) => num(x.score, 2)).join(", ")}) | **${num(median(r.map((x) => x.lcpMs)) / 1000, 2)} s** (${r.map((x) => num(x.lcpMs / 1000, 2)).join(", ")}) | ${num(median(r.map((x) => x.fcpMs)) / 1000, 2)} s | ${num(median(r.map((x) => x.tbtMs)))} ms | ${num(median(r.map((x) => x.cls)), 3)} | ${median(r.map((x) => x.scriptsInLcp))} of ${median(r.map((x) => x.scripts))}, ${num(median(r.map((x) => x.scriptKbInLcp)))} kB (${r.map((x) => x.scriptsInLcp).join(", ")}) |`).join("\n")}

The demo report again with Lighthouse's devtools throttling (\`throttlingMethod: "devtools"\`: the same phone
and network, but the load itself is slowed, so the paint times are observed, not estimated; the
score's weights and thresholds are the same). Not the target's method, shown beside it:

| page | performance | LCP | FCP | TBT |
| --- | ---: | ---: | ---: | ---: |
| report, devtools throttling | ${num(median(observed.map((x) => x.score)), 2)} (${observed.map((x) => num(x.score, 2)).join(", ")}) | ${num(median(observed.map((x) => x.lcpMs)) / 1000, 2)} s (${observed.map((x) => num(x.lcpMs / 1000, 2)).join(", ")}) | ${num(median(observed.map((x) => x.fcpMs)) / 1000, 2)} s | ${num(median(observed.map((x) => x.tbtMs)))} ms |

| target (the demo report, Lighthouse's default simulated throttling) | measured | |
| --- | --- | --- |
${[
  targetRow("performance ≥ 0.98", num(reportScore, 2), reportScore >= 0.98),
  targetRow("largest contentful paint ≤ 1.5 s", `${num(reportLcp / 1000, 2)} s`, reportLcp <= 1500),
].join("\n")}

Against its baseline measured in the same run: the report's LCP is ${num(reportLcp / floorLcp, 2)} × that of Next's floor for
the same markup and stylesheet (${num(reportLcp / 1000, 2)} vs ${num(floorLcp / 1000, 2)} s). The floor has no data, no
formatting, no client components and no proxy; its scripts are Next's and React's, as the report's are,
and its estimate waits for them as the report's does (last column): the race described below is Next's,
and an App Router page with this markup and stylesheet does not reach 1.5 s here either.

How: a throwaway embedded Postgres with the demo data; the production build served as \`npm start\`
serves it (scripts/serve.ts); Lighthouse's Node API driving Chromium (headless) over the loopback.
The pages use the system's font stack (no web fonts), so text paints with the first frame.
Why LCP is far above FCP although the largest paint (the report's headline) is the first paint (the
e2e test checks it): Lighthouse's simulated LCP averages two replays of the observed load on a slow
phone, and both hold every request that had finished when the largest paint was observed, whatever its
priority; a script leaves them only if a long task evaluating it began after that paint. Next's scripts
(async, Low priority, about 140 kB gzip) are requested as soon as the head is parsed and, over the
loopback, finish before the first frame is styled and laid out, so
their download on slow 4G enters the estimate: the last column counts them and their bytes on the
wire (scripts/bench/lantern-lcp-requests.ts). FCP's replay holds only render-blocking requests (the
stylesheet). Checked with Lighthouse's devtools throttling, which slows the load itself: holding the
scripts back until the first paint did not make that paint earlier, it made the page interactive
about a second later, so it is not done. The stylesheet written into the page (Next's
\`experimental.inlineCss\`, allowed by its SHA-256 in the CSP, as React writes it without the nonce;
tried on 2026-12-07) left the simulated LCP at 2.34 s with 7 to 8 scripts in its estimate, so the
scripts still finish before the first frame even with no stylesheet to wait for; the devtools LCP
fell from 1.43 to 0.83 s, most of it the 562 ms devtools adds to every request. Next writes the
26 kB stylesheet three times (the HTML and twice in the RSC payload: 103 to 181 kB of HTML), and
bench:report measured a rendered view at 13.7 instead of 9.9 ms of server CPU (85 instead of 118
views/s): not taken. \`content-visibility: auto\` on the sections below the first screen
changed nothing here and moved what was being clicked as sections took their real height, so it was
taken out again.
`;
  writeBenchmarkSection("BENCHMARKS.md", "lighthouse", section);
  say("wrote the bench:lighthouse section of BENCHMARKS.md");
  console.log(section);
} finally {
  await browser?.close();
  await app?.stop().catch(() => {});
  await floorApp?.stop().catch(() => {});
  await db.stop();
}
