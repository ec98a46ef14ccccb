import "server-only";
import { z } from "zod";
import type { Prisma } from "@/lib/generated/prisma/client";
import { getPool, type ServedPoolName } from "./pools";

/*
 * The one way to run raw SQL, for the statements a benchmark justifies (docs/architecture.md,
 * "The query rule"): a statement built with Prisma.sql (values are always parameters), run
 * on a named pool (lib/db/pools.ts) or a Prisma client or transaction, and its rows parsed
 * by a zod schema at the boundary, so a column renamed or retyped in a migration fails
 * here, loudly, instead of flowing on as a wrong type.
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
