import "server-only";
import { getDb } from "@/lib/db/client";
import { getPool } from "@/lib/db/pools";
import { inSqlTransaction, type SqlTx } from "./sql-tx";
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
  const { rows } = await getPool("relay").query<IdempotencyRecordDto>(
    `SELECT request_digest AS "requestDigest", status_code AS "statusCode", response FROM idempotency_record
     WHERE api_key_id = $1::uuid AND key = $2 AND created_at > now() - make_interval(hours => ${IDEMPOTENCY_TTL_HOURS})
       AND EXISTS (SELECT 1 FROM api_key WHERE id = $1::uuid AND revoked_at IS NULL)`,
    [scope.apiKeyId, scope.key],
  );
  return rows[0] ?? null;
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
  work: (sql: SqlTx) => Promise<IdempotentOutcome<T>>,
): Promise<T> {
  return inSqlTransaction(undefined, async (sql) => {
    const outcome = await work(sql);
    if (outcome.statusCode >= 300) return outcome.result;
    const saved = await sql.query(
      `INSERT INTO idempotency_record (api_key_id, key, request_digest, status_code, response)
       VALUES ($1::uuid, $2, $3, $4, $5::jsonb)
       ON CONFLICT (api_key_id, key) DO UPDATE SET
         request_digest = EXCLUDED.request_digest, status_code = EXCLUDED.status_code,
         response = EXCLUDED.response, created_at = now()
       WHERE idempotency_record.created_at <= now() - make_interval(hours => ${IDEMPOTENCY_TTL_HOURS})
       RETURNING 1 AS saved`,
      [scope.apiKeyId, scope.key, scope.requestDigest, outcome.statusCode, JSON.stringify(outcome.stored)],
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
