import "server-only";
import type pg from "pg";
import type { Prisma } from "@/lib/generated/prisma/client";
import { getPool } from "@/lib/db/pools";

/**
 * What the relay API's data functions run their SQL on: a pg connection inside a
 * transaction, or a caller's Prisma transaction (so the staff console can lift a block in
 * the same transaction as its appeal decision). Statements use $1… placeholders, pass
 * binary values as Buffer and JSON as text cast with ::jsonb, and select no int8/numeric
 * columns, so both drivers return the same JavaScript values.
 */
export interface SqlTx {
  query<R>(text: string, values?: readonly unknown[]): Promise<R[]>;
}

export type TxOption = SqlTx | Prisma.TransactionClient;

const isPrisma = (tx: TxOption): tx is Prisma.TransactionClient => "$queryRawUnsafe" in tx;

export function fromPrisma(tx: Prisma.TransactionClient): SqlTx {
  return { query: <R>(text: string, values: readonly unknown[] = []) => tx.$queryRawUnsafe<R[]>(text, ...values) };
}

function fromPg(client: pg.PoolClient): SqlTx {
  return {
    query: async <R>(text: string, values: readonly unknown[] = []) =>
      (await client.query(text, values as unknown[])).rows as R[],
  };
}

/** Statements that each commit on their own, on the relay pool: for work that is one statement, or needs no more. */
export function autocommit(): SqlTx {
  return {
    query: async <R>(text: string, values: readonly unknown[] = []) =>
      (await getPool("relay").query(text, values as unknown[])).rows as R[],
  };
}

/** The caller's transaction as an SqlTx. */
export const asSqlTx = (tx: TxOption): SqlTx => (isPrisma(tx) ? fromPrisma(tx) : tx);

/**
 * Runs `work` in the caller's transaction when one is given, otherwise in a new pg
 * transaction on the relay pool (committed when `work` resolves, rolled back if it throws).
 */
export async function inSqlTransaction<T>(tx: TxOption | undefined, work: (sql: SqlTx) => Promise<T>): Promise<T> {
  if (tx) return work(asSqlTx(tx));
  const client = await getPool("relay").connect();
  let healthy = true;
  try {
    await client.query("BEGIN");
    const result = await work(fromPg(client));
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {
      healthy = false;
    });
    throw error;
  } finally {
    client.release(!healthy);
  }
}
