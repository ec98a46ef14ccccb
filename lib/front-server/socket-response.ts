import { ServerResponse, type IncomingMessage } from "node:http";
import type { Socket } from "node:net";
import type { Duplex } from "node:stream";

/*
 * An HTTP response written straight to a socket Node has taken off its HTTP machinery: the
 * "upgrade" and "connect" events hand one over for requests the request handler never sees
 * (upgrade-requests.ts, request-guards.ts refuseConnect). The connection is closed after the
 * answer.
 */
export function responseOnSocket(req: IncomingMessage, socket: Duplex): ServerResponse {
  const res = new ServerResponse(req);
  res.shouldKeepAlive = false;
  res.assignSocket(socket as Socket);
  // Node took its own listeners off such a socket: without these, a body larger than the
  // socket's buffer would wait for a "drain" that never comes, and a client that resets the
  // connection would raise an unhandled error.
  const drain = () => res.emit("drain");
  socket.on("drain", drain);
  socket.on("error", () => socket.destroy());
  res.once("finish", () => {
    socket.off("drain", drain);
    res.detachSocket(socket as Socket);
    (socket as Socket).destroySoon();
  });
  return res;
}
