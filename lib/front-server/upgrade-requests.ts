import type { IncomingMessage, ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import { GLOBAL_HEADERS } from "@/lib/http/global-headers";
import { responseOnSocket } from "./socket-response";

/*
 * Node gives a request that asks to switch protocols (`Connection: Upgrade` with `Upgrade:`:
 * a WebSocket handshake, or the `Upgrade: h2c` that `curl --http2` and some HTTP libraries
 * send to an http:// address) to the server's "upgrade" listeners: Next's own (which ends the
 * connection of any upgrade for a page; scripts/serve.ts keeps it off the server) or, with
 * none, Node closes the connection unanswered. Either way the client saw an empty reply, a
 * proxy in front a 502. The app
 * speaks no other protocol, so such a request is answered as the plain HTTP/1.1 request it
 * also is (RFC 9110 §7.8: a server may ignore Upgrade), through the same handler as every
 * other request, and the connection is closed after the answer. Node stops reading at the
 * end of the headers of an upgrade, so a body would arrive unframed: a request that
 * announces one is refused with 400 instead.
 */

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

const hasBody = (req: IncomingMessage, head: Buffer) =>
  head.length > 0 ||
  req.headers["transfer-encoding"] !== undefined ||
  (req.headers["content-length"] !== undefined && req.headers["content-length"] !== "0");

/** The server's "upgrade" listener: answers the request with `handle`, ignoring Upgrade. */
export function answerWithoutUpgrade(handle: Handler) {
  return (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    const res = responseOnSocket(req, socket);
    if (!hasBody(req, head)) {
      // Served as the plain request it now is: nothing after this sees an upgrade asked for.
      delete req.headers.upgrade;
      req.headers.connection = "close";
      handle(req, res);
      return;
    }
    const body = "This site does not switch protocols: send the request without Upgrade.\n";
    res.writeHead(400, {
      ...GLOBAL_HEADERS,
      "Content-Type": "text/plain; charset=utf-8",
      "Cache-Control": "no-store",
      "Content-Length": String(Buffer.byteLength(body)),
    });
    res.end(body);
  };
}
