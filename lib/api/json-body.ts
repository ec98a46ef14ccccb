import { ApiError } from "./api-error";

/**
 * Largest accepted request body: 256 KiB. Five typical evidence items take about 5 KiB;
 * the limit leaves room for the 50-item maximum with samples while keeping a hostile
 * client from making the server buffer megabytes.
 */
export const MAX_BODY_BYTES = 256 * 1024;

export interface JsonBody {
  /** The body exactly as received (UTF-8), for idempotency digests. */
  raw: string;
  value: unknown;
}

const tooLarge = () =>
  new ApiError(413, "PAYLOAD_TOO_LARGE", `The request body exceeds ${MAX_BODY_BYTES} bytes.`, "(body)");

/*
 * Content-Length is checked first (cheap, and it refuses before reading), then the bytes
 * actually streamed are counted, because a chunked body has no length and a lying client
 * may send more than it announced.
 */
async function readLimited(request: Request, maxBytes: number): Promise<Uint8Array> {
  const declared = request.headers.get("content-length");
  if (declared !== null && Number(declared) > maxBytes) throw tooLarge();
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/** Reads and parses a JSON request body: 415 without a JSON content type, 413 past the limit, 400 when it does not parse. */
export async function readJsonBody(request: Request, maxBytes = MAX_BODY_BYTES): Promise<JsonBody> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/(?:[\w.+-]+\+)?json\b/i.test(type.trim())) {
    throw new ApiError(
      415,
      "UNSUPPORTED_MEDIA_TYPE",
      "Send the body as JSON with Content-Type: application/json.",
      "(body)",
    );
  }
  const bytes = await readLimited(request, maxBytes);
  let raw: string;
  try {
    raw = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new ApiError(400, "MALFORMED_JSON", "The request body is not valid UTF-8.", "(body)");
  }
  try {
    return { raw, value: JSON.parse(raw) as unknown };
  } catch (error) {
    const detail = error instanceof SyntaxError ? `: ${error.message}` : "";
    throw new ApiError(400, "MALFORMED_JSON", `The request body is not valid JSON${detail}.`, "(body)");
  }
}
