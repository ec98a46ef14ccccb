import type { IncomingMessage, ServerResponse } from "node:http";
import { env } from "@/lib/env";
import { CHECKED_RENDER_HEADER } from "@/lib/http/link-check-handoff";
import { resolveClientAddress } from "@/lib/http/client-address";
import { logger } from "@/lib/log";
import type { FastPath, NextHandler } from "./fast-path";

/**
 * The front server's request handler: each fast path in turn, then Next. A fast path that
 * throws before answering falls back to Next, which then answers as it would without the
 * front server; one that fails mid-answer can only drop the connection.
 */
export function createFrontHandler(
  next: NextHandler,
  fastPaths: readonly FastPath[],
  trustedProxyHops = env.TRUSTED_PROXY_HOPS,
) {
  return async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // Rate limits key on the client's address (lib/reports/report-request.ts clientAddress):
    // from here on X-Forwarded-For holds only the address resolved past our own proxies,
    // never what a client wrote into it.
    req.headers["x-forwarded-for"] = resolveClientAddress(
      req.headers["x-forwarded-for"],
      req.socket.remoteAddress,
      trustedProxyHops,
    );
    delete req.headers["x-real-ip"];
    // Only the front server itself may say it checked a report link (serve-report-view.ts).
    delete req.headers[CHECKED_RENDER_HEADER];
    try {
      for (const fastPath of fastPaths) {
        if (await fastPath(req, res, next)) return;
      }
    } catch (error) {
      // Never the URL: report links carry their secret in it.
      logger.error({ err: error }, "front server fast path failed");
      if (res.headersSent) {
        res.destroy();
        return;
      }
    }
    await next(req, res);
  };
}
