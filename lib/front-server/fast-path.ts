import type { IncomingMessage, ServerResponse } from "node:http";

/** Next's request handler, as `next().getRequestHandler()` returns it. */
export type NextHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/**
 * A lean answer to one kind of hot request, tried before Next renders anything. It returns
 * true when it answered (itself, or by calling `next` in its own way), false to hand the
 * request on untouched: it must not have written to `res` or consumed the body then.
 */
export type FastPath = (req: IncomingMessage, res: ServerResponse, next: NextHandler) => Promise<boolean>;
