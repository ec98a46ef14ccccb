import { serveRelayApi } from "@/lib/api/relay-fast-path";
import { serveReportView } from "@/lib/report-cache/serve-report-view";
import type { FastPath } from "./fast-path";
import { secureNextRedirects } from "./redirect-headers";
import { dropStaticFileConditions } from "./static-file-headers";
import {
  guardServerActions,
  refuseMalformedRequests,
  refuseRuntimePrefetch,
  refuseUnreadableRouterState,
} from "./request-guards";
import { varyReportOnAccept } from "./vary-report";

/*
 * The front server's fast paths, tried in this order before Next. Each one looks at the
 * method, URL and headers only and returns false quickly for anything else, so every
 * entry costs all other requests a few microseconds. A new hot endpoint (for example the
 * relay's `GET /api/v1/blocks` status check) is one more line here; it must re-check its
 * own authority, as the report view does, and stay side-effect free for GETs.
 */
export const FAST_PATHS: readonly FastPath[] = [
  // Requests Next would answer with 500 (lib/front-server/request-guards.ts).
  refuseMalformedRequests,
  // A page prefetch Next logs an error for (no page uses runtime prefetch).
  refuseRuntimePrefetch,
  // Before the action guard, which hands every action post to Next: a server action's fetch
  // carries the router state too.
  refuseUnreadableRouterState,
  guardServerActions,
  // Answers nothing: drops Range and the preconditions Next answers with 500 for a static file.
  dropStaticFileConditions(),
  // Answers nothing: gives Next's own path-normalising 308s the headers of every answer.
  secureNextRedirects,
  // Answers nothing: makes every answer at `/` name Accept in Vary.
  varyReportOnAccept,
  serveReportView,
  // The relay's status check and block creation (GET and POST /api/v1/blocks).
  serveRelayApi,
];
