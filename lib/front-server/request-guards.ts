import { IncomingMessage, type ServerResponse } from "node:http";
import { parseAndValidateFlightRouterState } from "next/dist/server/app-render/parse-and-validate-flight-router-state.js";
import type { Duplex } from "node:stream";
import { GLOBAL_HEADERS } from "@/lib/http/global-headers";
import { responseOnSocket } from "./socket-response";
import {
  isServerActionPost,
  postOrigin,
  SERVER_ACTION_BODY_LIMIT_BYTES,
  withheldOrigin,
} from "@/lib/http/server-actions";
import { undecodableActionBody } from "./action-body";
import type { FastPath } from "./fast-path";
import { readBounded } from "./read-bounded";
import { isRouteHandler } from "./route-handlers";

/*
 * No client input may make the app answer 5xx. Next answers a few kinds of request with
 * 500 before any of our code runs: a method the fetch API refuses (TRACE), a path whose
 * %-escapes do not decode (in a dynamic segment), server-action posts it cannot take (over
 * the body limit, from another site, a body it cannot decode), and next-auth answers a JSON
 * body that is not JSON with 500. These guards run first among the front server's fast
 * paths and answer those with the 4xx that says what is wrong; everything else goes on
 * untouched.
 */

/** The methods the app serves. Anything else (TRACE, PROPFIND, …) is refused with 405. */
export const SERVED_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;
const SERVED = new Set<string>(SERVED_METHODS);

/** Past this, a refused body is not read to its end: the connection is closed instead. */
const DRAIN_LIMIT = 4 * SERVER_ACTION_BODY_LIMIT_BYTES;

function refuse(res: ServerResponse, status: number, message: string, headers: Record<string, string> = {}): true {
  const body = `${message}\n`;
  res.writeHead(status, {
    ...GLOBAL_HEADERS,
    "Content-Type": "text/plain; charset=utf-8",
    "Cache-Control": "no-store",
    "Content-Length": String(Buffer.byteLength(body)),
    ...headers,
  });
  res.end(body);
  return true;
}

/** `.` or `..` as a whole path segment, plain or %-escaped (as the URL standard reads them). */
const DOT_SEGMENT = /(?:^|\/)(?:\.|%2e){1,2}(?:\/|$)/i;

function decodesCleanly(path: string): boolean {
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * A method the app does not serve (405), a request target that is no path (400: Next throws
 * on `*`; `OPTIONS *`, a question about the server as a whole, gets its methods), or a path
 * with a broken %-escape (400). An absolute URL as the target goes on as its path and query, and
 * a path with dot segments as the path they resolve to.
 */
export const refuseMalformedRequests: FastPath = async (req, res) => {
  if (!SERVED.has(req.method ?? ""))
    return refuse(res, 405, "This method is not served here.", { Allow: SERVED_METHODS.join(", ") });
  let url = req.url ?? "/";
  // The absolute form (`http://host/path`: what a client sends a proxy, and what a server
  // must accept, RFC 9112 §3.2.2) is served as its path and query. Next answered it with a
  // redirect to the very same URL (a loop for the client), or logged an error for one it
  // could not parse; its host names nothing here (links use PUBLIC_BASE_URL).
  if (/^https?:\/\//i.test(url)) {
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      return refuse(res, 400, "The request target is not a valid URL.");
    }
    url = req.url = `${target.pathname}${target.search}`;
  }
  if (!url.startsWith("/")) {
    if (url === "*" && req.method === "OPTIONS") {
      res.writeHead(204, { ...GLOBAL_HEADERS, Allow: SERVED_METHODS.join(", "), "Cache-Control": "no-store" });
      res.end();
      return true;
    }
    return refuse(res, 400, "The request target is not a path on this site.");
  }
  // A fragment (`#…`) is never sent by a browser, and Next drops it before it routes: so do
  // the guards, or `/api/..#/sign-in` would reach Next unguarded as an `/api/` path.
  const fragment = url.indexOf("#");
  if (fragment >= 0) url = req.url = url.slice(0, fragment);
  const query = url.indexOf("?");
  const path = query < 0 ? url : url.slice(0, query);
  if (url.includes("%") && !decodesCleanly(path))
    return refuse(res, 400, "The address is not valid: it has a broken %-escape.");
  // A dot segment (`/api/../sign-in`, also written `%2e%2e`): Next resolves it before it routes,
  // so the guards after this one, which read the path, must read the one Next will route, or
  // `/api/../sign-in` would pass the server-action guard as an API path and reach Next's 500.
  // Browsers resolve these themselves; only hand-written requests carry them.
  if (DOT_SEGMENT.test(path)) req.url = `${new URL(path, "http://origin.invalid").pathname}${url.slice(path.length)}`;
  return false;
};

/**
 * The server's "connect" listener. CONNECT (open a tunnel) never reaches the request handler:
 * Node hands it to "connect" listeners and, with none, closes the connection unanswered. The
 * app is no proxy: 405 with Allow, as for any other method it does not serve.
 */
export function refuseConnect(req: IncomingMessage, socket: Duplex): void {
  refuse(responseOnSocket(req, socket), 405, "This method is not served here.", { Allow: SERVED_METHODS.join(", ") });
}

/** Route handlers (app/api) take their own posts; a server action only ever runs on a page. */
/** A page's path (or one Next answers with its 404 page), not a route handler's. */
const isPagePath = (url: string | undefined) => {
  const target = url ?? "/";
  const query = target.indexOf("?");
  return !isRouteHandler(query < 0 ? target : target.slice(0, query));
};

/**
 * The request again, with its body already read: Next reads the body from the request it
 * is handed, and this one was consumed here. Same socket, method, URL and headers.
 */
function withBody(req: IncomingMessage, body: Buffer): IncomingMessage {
  const copy = new IncomingMessage(req.socket);
  copy.method = req.method;
  copy.url = req.url;
  copy.headers = req.headers;
  copy.rawHeaders = req.rawHeaders;
  copy.httpVersion = req.httpVersion;
  copy.httpVersionMajor = req.httpVersionMajor;
  copy.httpVersionMinor = req.httpVersionMinor;
  copy.complete = true;
  copy.push(body);
  copy.push(null);
  return copy;
}

export const guardServerActions: FastPath = async (req, res, next) => {
  const header = (name: string) => {
    const value = req.headers[name];
    return Array.isArray(value) ? value.join(", ") : value;
  };
  if (!isServerActionPost(req.method, header) || !isPagePath(req.url)) return false;
  // Next refuses these too, but with 500 (and after reading the body).
  const origin = postOrigin(header);
  if (origin === "foreign") return refuse(res, 403, "Forms on this site can only be sent from its own pages.");
  // The browser's own post from this site, origin withheld (no-referrer): put it back for
  // Next's check on every page, as proxy.ts does for the pages it sees (and under next dev).
  if (origin === "withheld") {
    const restored = withheldOrigin(header, "encrypted" in req.socket && req.socket.encrypted ? "https" : "http");
    if (restored) req.headers.origin = restored;
  }
  const read = await readBounded(req, SERVER_ACTION_BODY_LIMIT_BYTES, DRAIN_LIMIT);
  const close: Record<string, string> = read.complete ? {} : { Connection: "close" };
  if (read.over)
    return refuse(
      res,
      413,
      `The form is too large: at most ${SERVER_ACTION_BODY_LIMIT_BYTES / 1024 / 1024} MB can be sent.`,
      close,
    );
  const problem = await undecodableActionBody(
    header("content-type") ?? "",
    header("next-action") !== undefined,
    read.body,
  );
  if (problem) return refuse(res, 400, problem);
  await next(withBody(req, read.body), res);
  return true;
};

/**
 * A page's navigation request (`RSC: 1`, what Next's client router sends) carries the
 * router's state in `Next-Router-State-Tree`, which Next parses before rendering and, when
 * it cannot (not JSON, not its shape, over 40 kB), answers with 500 and a stack trace in the
 * log. Read here with Next's own parser, so exactly what it refuses is refused: with 400.
 */
export const refuseUnreadableRouterState: FastPath = async (req, res) => {
  if (req.headers.rsc !== "1" || !isPagePath(req.url)) return false;
  const state = req.headers["next-router-state-tree"];
  if (state === undefined) return false;
  try {
    parseAndValidateFlightRouterState(state);
    return false;
  } catch {
    return refuse(res, 400, "The router state this request carries cannot be read. Reload the page.");
  }
};

/**
 * Next's "runtime prefetch" (`Next-Router-Prefetch: 2`, and `3` for its shell) renders a
 * page as a prerender with the request's cookies, which only a page that opts into it
 * supports; no page here does, and our client never asks for one. Next answered it with
 * 200 after logging an error-level line (the page's `new Date()` "while prerendering") on
 * every request, so anyone could write error lines to the log. Refused with 400 before Next
 * sees it: nothing renders, and a prefetch that fails is ignored by Next's client (the
 * navigation fetches the page itself). Rewriting it to a plain prefetch (`1`) would only
 * send the client round Next's `_rsc` redirect to render what it did not ask for.
 */
export const refuseRuntimePrefetch: FastPath = async (req, res) => {
  const prefetch = req.headers["next-router-prefetch"];
  if (prefetch !== "2" && prefetch !== "3") return false;
  return refuse(res, 400, "Runtime prefetch is not served here.");
};
