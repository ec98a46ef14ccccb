import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import { readBounded } from "@/lib/front-server/read-bounded";
import { GLOBAL_HEADERS } from "@/lib/http/global-headers";
import { createBlock } from "./create-block";
import { MAX_BODY_BYTES } from "./json-body";
import { answerStatusCheck } from "./status-check";

const PATH = "/api/v1/blocks";
const noParams = { params: Promise.resolve({}) as Promise<Record<string, never>> };
/** Past this, a refused body is not read to its end: the connection is closed instead. */
const DRAIN_LIMIT = 4 * MAX_BODY_BYTES;

function headersOf(req: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === "string") headers.set(name, value);
    else if (Array.isArray(value)) for (const item of value) headers.append(name, item);
  }
  return headers;
}

/*
 * The relay's two busy endpoints without Next's request handling in front of them: a
 * front server (scripts/serve.ts) calls this before Next for every request. It claims only
 * `GET /api/v1/blocks` (the status check) and `POST /api/v1/blocks` (creation), with or
 * without a query, and answers exactly what the route handlers answer because it runs the
 * same functions; anything else returns false with the request untouched. Everything
 * these functions decide (key, body limit, validation) they check themselves.
 */
export async function serveRelayApi(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  const url = req.url ?? "";
  if (!(url === PATH || url.startsWith(`${PATH}?`))) return false;
  if (req.method === "GET") await serveStatusCheck(req, res, url);
  else if (req.method === "POST") await serveCreation(req, res, url);
  else return false;
  return true;
}

// The hot path proper: plain values in, one JSON write out, no web Request or Response.
async function serveStatusCheck(req: IncomingMessage, res: ServerResponse, url: string) {
  const query = url.indexOf("?");
  const answer = await answerStatusCheck(
    req.headers.authorization ?? null,
    new URLSearchParams(query < 0 ? "" : url.slice(query + 1)),
  );
  const body = JSON.stringify(answer.body);
  res.writeHead(answer.status, {
    ...GLOBAL_HEADERS,
    "Content-Type": "application/json",
    ...answer.headers,
    "Content-Length": String(Buffer.byteLength(body)),
  });
  res.end(body);
}

async function serveCreation(req: IncomingMessage, res: ServerResponse, url: string) {
  // Kept to one byte past the limit: enough for the handler to refuse it (413) exactly as the route would.
  const read = await readBounded(req, MAX_BODY_BYTES, DRAIN_LIMIT);
  const response = await createBlock(
    new Request(`http://fast-path${url}`, { method: "POST", headers: headersOf(req), body: new Uint8Array(read.body) }),
    noParams,
  );
  const body = Buffer.from(await response.arrayBuffer());
  // A body left unread would be taken for the next request on this connection.
  const close = read.complete ? {} : { Connection: "close" };
  res.writeHead(response.status, {
    ...GLOBAL_HEADERS,
    ...Object.fromEntries(response.headers),
    "Content-Length": String(body.length),
    ...close,
  });
  res.end(body);
}
