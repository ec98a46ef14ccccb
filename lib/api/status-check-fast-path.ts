import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import { checkSenderStatus } from "./status-check";

const PATH = "/api/v1/blocks";
const noParams = { params: Promise.resolve({}) as Promise<Record<string, never>> };

/*
 * The status check without Next's request handling in front of it: a front server
 * (scripts/serve.ts) calls this before Next for every request. It claims only
 * `GET /api/v1/blocks` and `GET /api/v1/blocks?…` and answers exactly what the route
 * handler answers, because it runs the same function; everything else returns false
 * untouched. Only the Authorization header is passed on: the answer depends on nothing else.
 */
export async function serveStatusCheck(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  const url = req.url ?? "";
  if (req.method !== "GET" || !(url === PATH || url.startsWith(`${PATH}?`))) return false;
  const headers = new Headers();
  if (typeof req.headers.authorization === "string") headers.set("authorization", req.headers.authorization);
  const response = await checkSenderStatus(new Request(`http://fast-path${url}`, { headers }), noParams);
  const body = Buffer.from(await response.arrayBuffer());
  res.writeHead(response.status, { ...Object.fromEntries(response.headers), "Content-Length": String(body.length) });
  res.end(body);
  return true;
}
