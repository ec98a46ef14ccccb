import type { IncomingMessage, ServerResponse } from "node:http";
import pLimit from "p-limit";
import { getReportVersion, type ReportVersion } from "@/lib/reports/data/report-version";
import type { NextHandler } from "@/lib/front-server/fast-path";
import { CHECKED_RENDER_HEADER, runWithCheckedLink, type LinkOutcome } from "@/lib/http/link-check-handoff";
import { contentSecurityPolicy, REPORT_HEADERS } from "@/lib/http/security-headers";
import { logger } from "@/lib/log";
import { CACHE_STATE_HEADER, toCachedPage, type CachedPage, type PreparedPage } from "./cached-page";
import { captureResponse } from "./capture-response";
import { freshNonce, freshSubmissionId } from "./fresh-tokens";
import { fillGzipTemplate } from "./gzip-template";
import { PageCache } from "./page-cache";
import { fillTemplate } from "./page-template";
import { REPORT_LINK_HEADER } from "@/lib/reports/report-request";
import { readReportViewRequest, type ReportViewRequest } from "./report-view-request";
import { SharedCheck } from "./shared-check";

/*
 * The report page under load: a blocked campaign bounces thousands of times and link
 * scanners fetch every link, mostly the same few. Each view is still authorized here: one
 * indexed query by the secret's digest (getReportVersion), sent after the view arrived
 * (views arriving together share one, see shared-check.ts), that also returns the version
 * of everything the page shows. A page Next rendered for that same URL and version, less than
 * TTL_MS ago, is sent again with a fresh nonce and submission id; anything else goes to
 * Next, with the check's outcome handed to proxy.ts so it is not repeated (a rendered view
 * stays at two round trips, a cached one costs one). Misses (404/410/429) always go to
 * Next, so their answers are exactly what they were.
 */

// Relative hints on the page ("3 h ago") must stay honest; the versions catch everything else.
const TTL_MS = 30_000;
const MAX_CACHE_BYTES = 64 * 1024 * 1024;
const MAX_PAGE_BYTES = 4 * 1024 * 1024;

const cache = new PageCache<CachedPage>(MAX_CACHE_BYTES);
// One render per URL and version at a time: a burst on a fresh link waits for the first.
const renders = new Map<string, Promise<CachedPage | null>>();
// A burst of views of one URL shares version queries, each sent after its views arrived.
const checks = new SharedCheck<ReportVersion>();
/*
 * At most RENDERS_AT_ONCE report renders run in Next at a time; the others wait their turn
 * holding nothing but their request. A render is CPU work on one thread with two short
 * database waits, so more at once only makes each take longer, and everything a render
 * allocates then outlives the young-generation collections that would have freed it:
 * with 32 views at once and no limit, collections cost 3.4-3.5 ms per rendered view
 * (--trace-gc), with four at a time 2.2 ms, and the server's CPU per view fell by 1.3-4 ms
 * (npm run bench:report measures the rendered view). Cached views never wait here.
 */
export const RENDERS_AT_ONCE = 4;
/*
 * How long one render may keep its slot. A render that takes longer (a client that reads
 * its page slowly, or not at all, holds Next's pipe; a slow database) goes on without it, so
 * four such clients can never stop everyone else's first views. A render takes a few tens
 * of milliseconds.
 */
export const RENDER_SLOT_MAX_MS = 1_000;
const renderSlots = pLimit(RENDERS_AT_ONCE);

/** Resolves when `work` settles or after `ms`, whichever comes first. */
async function atMost(work: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const elapsed = new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)));
  try {
    await Promise.race([work, elapsed]);
  } finally {
    clearTimeout(timer);
  }
}

function writeCachedPage(res: ServerResponse, page: PreparedPage, gzip: boolean): void {
  const nonce = freshNonce();
  const values = [Buffer.from(nonce, "latin1"), Buffer.from(freshSubmissionId(), "latin1")].slice(
    0,
    page.template.tokenLengths.length,
  );
  const body = gzip ? fillGzipTemplate(page.template, page.gzip(), values) : fillTemplate(page.template, values);
  const headers: string[] = [];
  for (const { name, parts } of page.headers) headers.push(name, parts.join(nonce));
  headers.push("Content-Length", String(body.length), CACHE_STATE_HEADER, "hit");
  if (gzip) headers.push("Content-Encoding", "gzip");
  res.writeHead(200, headers);
  res.end(body);
}

/*
 * What proxy.ts does for a link that was found, done here so that Next runs no middleware
 * for it (about 0.7 ms of CPU per rendered view): a fresh nonce in the request's CSP header,
 * which Next puts on its scripts, the same CSP and the report headers on the response, and
 * none of the proxy's own request headers as a client may have sent them. The mark makes
 * proxy.ts's matcher skip the request (see CHECKED_RENDER_HEADER).
 */
function withoutProxy(req: IncomingMessage, res: ServerResponse): void {
  const nonce = freshNonce(); // from a pool: one getrandom() per 256 nonces
  const csp = contentSecurityPolicy(nonce);
  delete req.headers["x-retry-after"];
  delete req.headers[REPORT_LINK_HEADER];
  req.headers["x-nonce"] = nonce;
  req.headers["content-security-policy"] = csp;
  req.headers[CHECKED_RENDER_HEADER] = "1";
  res.setHeader("Content-Security-Policy", csp);
  for (const [name, value] of Object.entries(REPORT_HEADERS)) res.setHeader(name, value);
}

async function handOn(
  req: IncomingMessage,
  res: ServerResponse,
  next: NextHandler,
  view: ReportViewRequest,
  outcome: LinkOutcome,
  submissionId?: string,
) {
  if (outcome === "found") withoutProxy(req, res);
  try {
    await runWithCheckedLink({ publicId: view.publicId, secret: view.secret, outcome, submissionId }, () =>
      next(req, res),
    );
  } catch (error) {
    // Next answers its own errors; this is only reached if it could not even do that.
    logger.error({ err: error }, "report view: Next failed");
    if (res.headersSent) res.destroy();
    else res.writeHead(500).end();
  }
}

async function renderAndCapture(
  req: IncomingMessage,
  res: ServerResponse,
  next: NextHandler,
  view: ReportViewRequest,
  checked: Extract<ReportVersion, { outcome: "found" }>,
) {
  const flight = `${view.cacheKey} ${checked.version}`;
  const freshUntil = Math.min(Date.now() + TTL_MS, checked.changesAt?.getTime() ?? Infinity);
  const submissionId = freshSubmissionId();
  const page = captureResponse(res, MAX_PAGE_BYTES)
    .then((response) => {
      const result = response
        ? toCachedPage(response, { version: checked.version, freshUntil }, submissionId)
        : { uncachable: `client gone or larger than ${MAX_PAGE_BYTES} bytes` };
      if (!("uncachable" in result)) return result;
      // The public id names the report; the secret never reaches the log.
      logger.debug({ publicId: view.publicId, reason: result.uncachable }, "report view: page not cached");
      return null;
    })
    .catch((error: unknown) => {
      logger.warn({ err: error }, "report view: page not cached");
      return null;
    });
  renders.set(flight, page);
  void page.then((cached) => {
    renders.delete(flight);
    if (cached) cache.set(view.cacheKey, cached);
  });
  res.setHeader(CACHE_STATE_HEADER, "miss");
  const rendering = await renderSlots(async () => {
    // A client that left while waiting gets no render (its capture above has already given up).
    if (res.destroyed || req.socket.destroyed) return null;
    const done = handOn(req, res, next, view, "found", submissionId);
    await atMost(done, RENDER_SLOT_MAX_MS);
    return { done }; // wrapped, so that the slot is given back without waiting for the rest
  });
  await rendering?.done;
}

/** The cached page made ready to send, or null if there is none or it must not be repeated (Next renders). */
function ready(cached: CachedPage | null | undefined, view: ReportViewRequest): PreparedPage | null {
  const prepared = cached?.prepare();
  if (!prepared || !("uncachable" in prepared)) return prepared ?? null;
  // The entry stays until the render this view now gets replaces it.
  logger.debug({ publicId: view.publicId, reason: prepared.uncachable }, "report view: page not cached");
  return null;
}

/** The front server's fast path for `GET /?id=…&auth=…` (see lib/front-server/fast-paths.ts). */
export async function serveReportView(req: IncomingMessage, res: ServerResponse, next: NextHandler): Promise<boolean> {
  const view = readReportViewRequest(req);
  if (!view) return false;
  let checked: ReportVersion;
  try {
    checked = await checks.run(view.cacheKey, () => getReportVersion(view));
  } catch (error) {
    // Next repeats the check and answers the failure as it always has.
    logger.error({ err: error }, "report view: version check failed");
    return false;
  }
  if (checked.outcome !== "found") {
    await handOn(req, res, next, view, checked.outcome);
    return true;
  }
  const cached = ready(cache.get(view.cacheKey, checked.version, Date.now()), view);
  if (cached) {
    writeCachedPage(res, cached, view.acceptsGzip);
    return true;
  }
  if (req.method === "HEAD") {
    await handOn(req, res, next, view, "found"); // no body to keep
    return true;
  }
  const rendering = renders.get(`${view.cacheKey} ${checked.version}`);
  if (!rendering) {
    await renderAndCapture(req, res, next, view, checked);
    return true;
  }
  const page = ready(await rendering, view);
  if (page) writeCachedPage(res, page, view.acceptsGzip);
  else await handOn(req, res, next, view, "found");
  return true;
}
