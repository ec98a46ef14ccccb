import type { ServerResponse } from "node:http";

export interface CapturedResponse {
  statusCode: number;
  /** [name, value] as sent, names in their original case; repeated headers stay separate. */
  headers: [string, string][];
  /** The body as sent (still in its Content-Encoding, if any). */
  body: Buffer;
}

type Chunk = string | Uint8Array;

function toBuffer(chunk: Chunk, encoding: unknown): Buffer {
  // A copy: whoever wrote the chunk may reuse its memory once write() returns.
  return typeof chunk === "string"
    ? Buffer.from(chunk, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8")
    : Buffer.from(chunk);
}

// Node has had it on every outgoing message since v15.13; @types/node declares it on ClientRequest only.
type WithRawNames = ServerResponse & { getRawHeaderNames(): string[] };

function sentHeaders(res: ServerResponse): [string, string][] {
  return (res as WithRawNames).getRawHeaderNames().flatMap((name) => {
    const value = res.getHeader(name);
    if (value === undefined) return [];
    return (Array.isArray(value) ? value : [String(value)]).map((item): [string, string] => [name, item]);
  });
}

/**
 * Tees what is written to `res` (by Next, after its compression middleware) while it
 * still goes to the client unchanged. Resolves once the response has finished, or with
 * null if the client went away first or the body passed `maxBytes`.
 */
export function captureResponse(res: ServerResponse, maxBytes: number): Promise<CapturedResponse | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  let overflow = false;
  const keep = (chunk: unknown, encoding: unknown) => {
    if (overflow || (typeof chunk !== "string" && !(chunk instanceof Uint8Array))) return;
    const buffer = toBuffer(chunk, encoding);
    size += buffer.length;
    if (size > maxBytes) {
      overflow = true;
      chunks.length = 0;
    } else {
      chunks.push(buffer);
    }
  };
  const write = res.write;
  const end = res.end;
  res.write = function (this: ServerResponse, chunk: unknown, ...rest: unknown[]) {
    keep(chunk, rest[0]);
    return (write as (...args: unknown[]) => boolean).call(this, chunk, ...rest);
  } as typeof res.write;
  res.end = function (this: ServerResponse, chunk?: unknown, ...rest: unknown[]) {
    keep(chunk, rest[0]);
    return (end as (...args: unknown[]) => ServerResponse).call(this, chunk, ...rest);
  } as typeof res.end;

  return new Promise((resolve) => {
    res.once("finish", () =>
      resolve(overflow ? null : { statusCode: res.statusCode, headers: sentHeaders(res), body: Buffer.concat(chunks) }),
    );
    res.once("close", () => resolve(null)); // no-op when "finish" came first
  });
}
