import "server-only";
import Cursor from "pg-cursor";
import { z } from "zod";
import type { Prisma } from "@/lib/generated/prisma/client";
import { getPool, type ServedPoolName } from "./pools";

/*
 * The one way to run raw SQL, for the statements a benchmark justifies (docs/architecture.md,
 * "The query rule"): a statement built with Prisma.sql (values are always parameters), run
 * on a named pool (lib/db/pools.ts) or a Prisma client or transaction, and its rows parsed
 * by a zod schema at the boundary, so a column renamed or retyped in a migration fails
 * here, loudly, instead of flowing on as a wrong type. streamRows is the same for a result
 * too long to hold: its rows are read a few at a time through a server-side cursor.
 */

export interface Statement {
  /** The text with $1… placeholders (Prisma.Sql's `text`). */
  readonly text: string;
  readonly values: readonly unknown[];
}

export type SqlTarget = ServedPoolName | Prisma.TransactionClient;

// pg sends Buffers as bytea; Prisma's Bytes are Uint8Arrays over their own ArrayBuffer.
const forPg = (value: unknown) =>
  value instanceof Uint8Array && !Buffer.isBuffer(value)
    ? Buffer.from(value.buffer, value.byteOffset, value.byteLength)
    : value;

/**
 * Runs `statement` and returns its rows, each checked by `row`. `name` prepares it once
 * per pooled connection (pg pools only; the text must then never vary).
 */
export async function queryRows<Row extends z.ZodType>(
  target: SqlTarget,
  statement: Statement,
  row: Row,
  name?: string,
): Promise<z.output<Row>[]> {
  const rows: unknown[] =
    typeof target === "string"
      ? (
          await getPool(target).query({
            ...(name ? { name } : {}),
            text: statement.text,
            values: statement.values.map(forPg),
          })
        ).rows
      : await target.$queryRawUnsafe<unknown[]>(statement.text, ...statement.values);
  return z.array(row).parse(rows);
}

/**
 * Runs `statement` on a connection of `pool` and yields its rows `chunkRows` at a time, as
 * Postgres sends them (a server-side cursor: the next rows are fetched only when the caller
 * asks for them), each checked by `row`. The connection is the caller's until the
 * iteration ends: read to the end, it goes back to the pool; left early (`return()`, a
 * `break`, a download the client abandoned), the cursor is closed first; on any error the
 * connection is discarded, and the error is thrown to the caller, never an early end.
 * The statement runs in one implicit transaction, so keep what one call reads bounded
 * (a keyset window) when the caller reads at a client's pace.
 */
export async function* streamRows<Row extends z.ZodType>(
  pool: ServedPoolName,
  statement: Statement,
  row: Row,
  chunkRows: number,
): AsyncGenerator<z.output<Row>[], void, undefined> {
  const rows = z.array(row);
  const client = await getPool(pool).connect();
  const cursor = client.query(new Cursor<unknown>(statement.text, statement.values.map(forPg)));
  let failure: Error | undefined;
  try {
    for (;;) {
      const chunk = await cursor.read(chunkRows);
      if (chunk.length > 0) yield rows.parse(chunk);
      if (chunk.length < chunkRows) return;
    }
  } catch (error) {
    failure = error instanceof Error ? error : new Error(String(error));
    throw error;
  } finally {
    // After an error the connection's state is unknown (the cursor may be half read): it is
    // closed rather than lent again. Left early, the cursor's portal is closed first.
    if (!failure) await cursor.close().catch((error: unknown) => (failure = error as Error));
    client.release(failure ?? false);
  }
}
