import type { IncomingMessage } from "node:http";

export interface BoundedBody {
  /** The body, or its first `keep + 1` bytes when it is longer: enough to tell it is too long. */
  body: Buffer;
  /** Longer than `keep`. */
  over: boolean;
  /** Read to its end. When false, the rest was not read and the connection must close after the answer. */
  complete: boolean;
}

/**
 * A request body read to its end so the connection stays usable, but kept only up to one
 * byte past `keep`. A body announced or found to be past `drain` is not read further: the
 * answer then closes the connection (`Connection: close`), since the rest would be taken
 * for the next request.
 */
export async function readBounded(req: IncomingMessage, keep: number, drain: number): Promise<BoundedBody> {
  if (Number(req.headers["content-length"] ?? 0) > drain) return { body: Buffer.alloc(0), over: true, complete: false };
  const chunks: Buffer[] = [];
  let kept = 0;
  let seen = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    seen += chunk.length;
    if (seen > drain) return { body: Buffer.concat(chunks), over: true, complete: false };
    if (kept > keep) continue;
    chunks.push(chunk);
    kept += chunk.length;
  }
  return { body: Buffer.concat(chunks), over: kept > keep, complete: true };
}
