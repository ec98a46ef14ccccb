import "server-only";
import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from "node:crypto";
import {
  commitIdempotent,
  findIdempotencyRecord,
  IdempotencyRace,
  type IdempotencyRecordDto,
} from "@/lib/data/idempotency";
import type { Tx } from "@/lib/data/transaction";
import { ApiError } from "./api-error";
import type { ApiPrincipal } from "./authenticate";

/*
 * `Idempotency-Key`: a retry with the same key and the same body gets the first response
 * again (header `Idempotent-Replayed: true`); the same key with another body is refused
 * with 422. Keys live 24 hours per API key.
 *
 * The first response of a block creation contains the report secret, which the database
 * must never hold in clear. The stored response is therefore sealed with AES-256-GCM under
 * a key derived from the caller's API key (known only to the relay; we keep its digest)
 * and the idempotency key: only the same relay, retrying, can open it.
 */

export const IDEMPOTENCY_HEADER = "Idempotency-Key";
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

export interface ApiResult {
  status: number;
  body: unknown;
}

interface Sealed {
  v: 1;
  iv: string;
  tag: string;
  data: string;
}

const sealingKey = (principal: ApiPrincipal, key: string) =>
  createHmac("sha256", principal.key).update(`block-reports idempotency v1\n${key}`).digest();

function seal(result: ApiResult, principal: ApiPrincipal, key: string): Sealed {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", sealingKey(principal, key), iv);
  const data = Buffer.concat([cipher.update(JSON.stringify(result.body), "utf8"), cipher.final()]);
  return {
    v: 1,
    iv: iv.toString("base64"),
    tag: cipher.getAuthTag().toString("base64"),
    data: data.toString("base64"),
  };
}

function unseal(record: IdempotencyRecordDto, principal: ApiPrincipal, key: string): ApiResult {
  const sealed = record.response as unknown as Sealed;
  const decipher = createDecipheriv("aes-256-gcm", sealingKey(principal, key), Buffer.from(sealed.iv, "base64"));
  decipher.setAuthTag(Buffer.from(sealed.tag, "base64"));
  const plain = Buffer.concat([decipher.update(Buffer.from(sealed.data, "base64")), decipher.final()]).toString("utf8");
  return { status: record.statusCode, body: JSON.parse(plain) as unknown };
}

/** What makes two requests "the same": method, path and the exact body. */
function requestDigest(request: Request, rawBody: string): string {
  return createHash("sha256")
    .update(`${request.method} ${new URL(request.url).pathname}\n${rawBody}`)
    .digest("hex");
}

function replay(record: IdempotencyRecordDto, digest: string, principal: ApiPrincipal, key: string): Response {
  if (record.requestDigest !== digest) {
    throw new ApiError(
      422,
      "IDEMPOTENCY_KEY_REUSED",
      "This Idempotency-Key was used with a different request; use a new key.",
      IDEMPOTENCY_HEADER,
    );
  }
  const result = unseal(record, principal, key);
  return Response.json(result.body, {
    status: result.status,
    headers: { "Cache-Control": "no-store", "Idempotent-Replayed": "true" },
  });
}

/**
 * Runs a mutating API operation under the request's Idempotency-Key, if it sent one.
 * `work` receives the transaction to do its change in (undefined without a key).
 */
export async function respondIdempotently(
  request: Request,
  principal: ApiPrincipal,
  rawBody: string,
  work: (tx: Tx | undefined) => Promise<ApiResult>,
): Promise<Response> {
  const key = request.headers.get(IDEMPOTENCY_HEADER);
  const respond = (result: ApiResult) =>
    Response.json(result.body, { status: result.status, headers: { "Cache-Control": "no-store" } });
  if (key === null) return respond(await work(undefined));
  if (!KEY_PATTERN.test(key)) {
    throw new ApiError(
      422,
      "INVALID",
      "Idempotency-Key must be 1 to 255 visible ASCII characters.",
      IDEMPOTENCY_HEADER,
    );
  }
  const scope = { apiKeyId: principal.id, key };
  const digest = requestDigest(request, rawBody);
  const existing = await findIdempotencyRecord(scope);
  if (existing) return replay(existing, digest, principal, key);
  try {
    const result = await commitIdempotent({ ...scope, requestDigest: digest }, async (tx) => {
      const outcome = await work(tx);
      return { result: outcome, statusCode: outcome.status, stored: seal(outcome, principal, key) };
    });
    return respond(result);
  } catch (error) {
    if (!(error instanceof IdempotencyRace)) throw error;
    const winner = await findIdempotencyRecord(scope);
    if (!winner) throw error;
    return replay(winner, digest, principal, key);
  }
}
