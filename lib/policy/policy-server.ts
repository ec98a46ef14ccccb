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
  /** A connection silent this long between requests is closed (Postfix reconnects when it needs to). */
  idleTimeoutMs?: number;
  /** A connection that has not sent a whole request this long after connecting, or into a request, is closed. */
  requestTimeoutMs?: number;
  /** Connections at once, in all (POLICY_MAX_CONNECTIONS); more are closed at once. */
  maxConnections?: number;
  /** Connections at once from one client address (POLICY_MAX_CONNECTIONS_PER_CLIENT); more are closed at once. */
  maxConnectionsPerClient?: number;
}

/** Reading from a connection pauses while it has this many requests unanswered… */
export const MAX_UNANSWERED = 32;
/** …or this many bytes of answers its client has not read yet. */
export const MAX_UNREAD_ANSWER_BYTES = 64 * 1024;
const REFUSAL_LOG_INTERVAL_MS = 60_000;

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
  const perAddress = new Map<string, number>();
  const maxPerClient = options.maxConnectionsPerClient ?? 200;
  const requestTimeoutMs = options.requestTimeoutMs ?? 10_000;
  let lastErrorLog = 0;
  /** When a refusal was last logged, per client address: at most one line a minute each. */
  const refusalLogged = new Map<string, number>();

  function logRefusal(address: string, limit: string) {
    const now = Date.now();
    if (now - (refusalLogged.get(address) ?? -Infinity) < REFUSAL_LOG_INTERVAL_MS) return;
    if (refusalLogged.size >= 10_000) refusalLogged.clear();
    refusalLogged.set(address, now);
    log.warn(
      { event: "policy_connection_refused", client: address, limit },
      `policy service: refused a connection from ${address}: ${limit} (logged at most once a minute per address)`,
    );
  }

  function serve(socket: Socket) {
    const address = socket.remoteAddress ?? "unknown";
    const open = perAddress.get(address) ?? 0;
    if (open >= maxPerClient) {
      logRefusal(address, `${maxPerClient} connections from this address already open`);
      socket.destroy();
      return;
    }
    perAddress.set(address, open + 1);
    sockets.add(socket);
    socket.on("close", () => {
      sockets.delete(socket);
      const left = (perAddress.get(address) ?? 1) - 1;
      if (left > 0) perAddress.set(address, left);
      else perAddress.delete(address);
      clearTimeout(requestTimer);
    });
    socket.on("error", () => socket.destroy());
    socket.setNoDelay(true);
    socket.setTimeout(options.idleTimeoutMs ?? 600_000, () => socket.destroy());
    const client = `${socket.remoteAddress}:${socket.remotePort}`;
    const reader = new PolicyRequestReader();
    const decoder = new StringDecoder("utf8");
    let answered: Promise<void> = Promise.resolve();
    let lastCounted = "";
    /** Requests read but not yet being decided (while MAX_UNANSWERED are). */
    const queued: PolicyRequest[] = [];
    /** Requests being decided or decided but not yet answered. */
    let unanswered = 0;
    let paused = false;

    // From connecting until the first request is whole, and from a request's first byte
    // until its end: a client that stalls there is closed (not while we stopped reading).
    let requestTimer: NodeJS.Timeout | undefined;
    let seenRequest = false;
    const stalled = () => {
      log.warn(
        { event: "policy_request_timeout", client },
        `policy service: no whole request from ${client} within ${requestTimeoutMs} ms; connection closed`,
      );
      socket.destroy();
    };
    function watchRequest(restart: boolean) {
      const waiting = !paused && (reader.partial || !seenRequest);
      if (!waiting || restart) {
        clearTimeout(requestTimer);
        requestTimer = undefined;
      }
      if (waiting && requestTimer === undefined) requestTimer = setTimeout(stalled, requestTimeoutMs);
    }
    watchRequest(false);

    /** Stops reading while this client has answers outstanding or unread; reads again when they drain. */
    function flow() {
      if (socket.destroyed) return;
      const full = queued.length > 0 || unanswered >= MAX_UNANSWERED || socket.writableLength > MAX_UNREAD_ANSWER_BYTES;
      if (full && !paused) {
        paused = true;
        socket.pause();
        watchRequest(true);
      } else if (!full && paused) {
        paused = false;
        socket.resume();
        watchRequest(true);
      }
    }
    socket.on("drain", flow);

    function pump() {
      if (socket.destroyed) {
        queued.length = 0;
        return;
      }
      while (queued.length > 0 && unanswered < MAX_UNANSWERED) {
        const request = queued.shift()!;
        unanswered += 1;
        // Decided at once (lookups batch across connections), answered in the order asked.
        const decision = decide(request, options.onError, options.openSenders).catch(
          (error: unknown): PolicyDecision => ({
            action: ERROR_ACTIONS[options.onError],
            block: null,
            error: error instanceof Error ? error.message : String(error),
          }),
        );
        answered = answered.then(async () => {
          answer(request, await decision);
          unanswered -= 1;
          pump();
        });
      }
      flow();
    }

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
      if (requests.length > 0) seenRequest = true;
      queued.push(...requests);
      pump();
      watchRequest(requests.length > 0);
    });
  }

  const server = createServer(serve);
  server.maxConnections = options.maxConnections ?? 1000;
  server.on("drop", (data) => {
    logRefusal(data?.remoteAddress ?? "unknown", `${server.maxConnections} connections already open in all`);
  });
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
