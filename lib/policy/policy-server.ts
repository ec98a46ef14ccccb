import "server-only";
import { createServer, type Server, type Socket } from "node:net";
import { StringDecoder } from "node:string_decoder";
import { logger as appLogger } from "@/lib/log";
import { AttemptCounter } from "./attempt-counter";
import type { OpenSenders } from "./open-senders";
import { decide as lookUp, ERROR_ACTIONS, type OnError, type PolicyDecision } from "./decide";
import { formatAnswer, PolicyProtocolError, PolicyRequestReader, type PolicyRequest } from "./protocol";

type Log = Pick<typeof appLogger, "info" | "warn" | "error">;

export interface PolicyServerOptions {
  /** The answer when the database cannot be reached (POLICY_ON_ERROR). */
  onError: OnError;
  /** Counts refused messages against their blocks; null: do not count (the benchmark's floor). */
  counter?: AttemptCounter | null;
  /** The decision; the default looks the sender up. The benchmark's floor answers DUNNO without a lookup. */
  decide?: (request: PolicyRequest, onError: OnError, openSenders?: OpenSenders | null) => Promise<PolicyDecision>;
  /** Which logins and addresses have open blocks at all (lib/policy/open-senders.ts); without it every sender is looked up. */
  openSenders?: OpenSenders | null;
  log?: Log;
  /** A connection silent this long is closed (Postfix reconnects when it needs to). */
  idleTimeoutMs?: number;
}

export interface PolicyServer {
  server: Server;
  counter: AttemptCounter | null;
  /** Stops accepting, closes every connection, writes pending attempt counts. */
  close: () => Promise<void>;
}

const REFUSALS: Record<PolicyProtocolError["reason"], string> = {
  oversized: "request larger than 16 KiB",
  too_many_attributes: "more than 100 attributes",
  malformed_line: "a line that is not name=value",
  not_a_policy_request: "request= is not smtpd_access_policy",
};

/**
 * A server for Postfix's `check_policy_service`: answers each request with the blocked
 * sender's reply (`action=550 5.7.1 … See: <link>`) or `action=DUNNO`, in order, on as many
 * connections and requests per connection as Postfix opens. Input that is not the protocol
 * is logged and its connection closed; nothing a client sends can stop the server.
 */
export function createPolicyServer(options: PolicyServerOptions): PolicyServer {
  const log = options.log ?? appLogger;
  const counter = options.counter === undefined ? new AttemptCounter() : options.counter;
  const decide = options.decide ?? lookUp;
  const sockets = new Set<Socket>();
  let lastErrorLog = 0;

  function serve(socket: Socket) {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => socket.destroy());
    socket.setNoDelay(true);
    socket.setTimeout(options.idleTimeoutMs ?? 600_000, () => socket.destroy());
    const client = `${socket.remoteAddress}:${socket.remotePort}`;
    const reader = new PolicyRequestReader();
    const decoder = new StringDecoder("utf8");
    let answered: Promise<void> = Promise.resolve();
    let lastCounted = "";

    function answer(request: PolicyRequest, decision: PolicyDecision) {
      if (socket.destroyed) return;
      socket.write(formatAnswer(decision.action));
      if (decision.error !== undefined && Date.now() - lastErrorLog > 10_000) {
        lastErrorLog = Date.now();
        log.error(
          { event: "policy_lookup_failed", err: decision.error, answer: decision.action },
          "policy service: block status unavailable; answering as POLICY_ON_ERROR says",
        );
      }
      if (decision.block && counter) {
        // Postfix asks once per recipient; `instance` is the same for every recipient of one message.
        const key = `${request.instance ?? ""}|${decision.block.id}`;
        if (request.instance === undefined || key !== lastCounted) counter.add(decision.block.id);
        lastCounted = key;
      }
    }

    socket.on("data", (chunk: Buffer) => {
      let requests: PolicyRequest[];
      try {
        requests = reader.push(decoder.write(chunk));
      } catch (error) {
        const reason = error instanceof PolicyProtocolError ? REFUSALS[error.reason] : String(error);
        log.warn(
          { event: "policy_request_refused", client, reason },
          `policy service: refused ${reason} from ${client}; connection closed`,
        );
        socket.destroy();
        return;
      }
      for (const request of requests) {
        // Decided at once (lookups batch across connections), answered in the order asked.
        const decision = decide(request, options.onError, options.openSenders).catch(
          (error: unknown): PolicyDecision => ({
            action: ERROR_ACTIONS[options.onError],
            block: null,
            error: error instanceof Error ? error.message : String(error),
          }),
        );
        answered = answered.then(async () => answer(request, await decision));
      }
    });
  }

  const server = createServer(serve);
  server.on("error", (error) => log.error({ err: error.message }, "policy service: server error"));
  return {
    server,
    counter,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
      await counter?.close();
      await options.openSenders?.stop();
    },
  };
}
