import "server-only";
import { z } from "zod";
import { getDb, Prisma } from "@/lib/db/client";
import { queryRows } from "@/lib/db/sql";
import { inTransaction, type Tx } from "./transaction";
import { assertSystemCaller, type SystemCaller } from "@/lib/data/callers";

/*
 * Idempotency records of the relay API (`Idempotency-Key`). A record is written in the
 * same transaction as the change it answers for, so "the change happened" and "a retry
 * replays it" are one fact: a concurrent duplicate waits on the primary key, then finds
 * the committed record and replays it instead of applying the change twice.
 */

/** How long a key is remembered; after that the same key starts a new request. */
export const IDEMPOTENCY_TTL_HOURS = 24;

export interface IdempotencyScope {
  apiKeyId: string;
  key: string;
}

export interface IdempotencyRecordDto {
  requestDigest: string;
  statusCode: number;
  response: unknown;
}

/** Thrown when another request with the same key committed first; look the record up again. */
export class IdempotencyRace extends Error {
  constructor() {
    super("a concurrent request with the same Idempotency-Key committed first");
  }
}

/**
 * The live record for this API key and idempotency key, or null. Caller: the relay, by the
 * key in `scope`, which must still be unrevoked (checked in the statement): a revoked key
 * gets no replay of an earlier answer, and its retry is refused as a new request would be.
 */
export async function findIdempotencyRecord(scope: IdempotencyScope): Promise<IdempotencyRecordDto | null> {
  return getDb().idempotencyRecord.findFirst({
    where: {
      apiKeyId: scope.apiKeyId,
      key: scope.key,
      createdAt: { gt: new Date(Date.now() - IDEMPOTENCY_TTL_HOURS * 3_600_000) },
      apiKey: { revokedAt: null },
    },
    select: { requestDigest: true, statusCode: true, response: true },
  });
}

export interface IdempotentOutcome<T> {
  result: T;
  statusCode: number;
  /** What to store for replays (the API layer seals it first); only stored for 2xx. */
  stored: unknown;
}

/**
 * Runs `work` in a transaction and, when it succeeded (2xx), records its response under
 * the key in that same transaction. A record older than the TTL is replaced; a live one
 * (a concurrent duplicate that won) rolls this transaction back with IdempotencyRace.
 */
export async function commitIdempotent<T>(
  scope: IdempotencyScope & { requestDigest: string },
  work: (tx: Tx) => Promise<IdempotentOutcome<T>>,
): Promise<T> {
  return inTransaction(undefined, async (tx) => {
    const outcome = await work(tx);
    if (outcome.statusCode >= 300) return outcome.result;
    // Raw: an upsert that replaces only an expired record, in one statement (a concurrent
    // duplicate waits on the primary key, then inserts nothing): the model API's upsert
    // would overwrite a live record, and a failed create would abort the transaction.
    const saved = await queryRows(
      tx,
      Prisma.sql`INSERT INTO idempotency_record (api_key_id, key, request_digest, status_code, response)
       VALUES (${scope.apiKeyId}::uuid, ${scope.key}, ${scope.requestDigest}, ${outcome.statusCode}, ${JSON.stringify(outcome.stored)}::jsonb)
       ON CONFLICT (api_key_id, key) DO UPDATE SET
         request_digest = EXCLUDED.request_digest, status_code = EXCLUDED.status_code,
         response = EXCLUDED.response, created_at = now()
       WHERE idempotency_record.created_at <= now() - make_interval(hours => ${IDEMPOTENCY_TTL_HOURS})
       RETURNING 1 AS saved`,
      z.object({ saved: z.literal(1) }),
    );
    if (saved.length !== 1) throw new IdempotencyRace();
    return outcome.result;
  });
}

/** Deletes records past the TTL. Caller: the scheduled job "idempotency.purge". */
export async function purgeIdempotencyRecords(system: SystemCaller, now: Date = new Date()): Promise<number> {
  assertSystemCaller(system);
  const { count } = await getDb().idempotencyRecord.deleteMany({
    where: { createdAt: { lte: new Date(now.getTime() - IDEMPOTENCY_TTL_HOURS * 3_600_000) } },
  });
  return count;
}
