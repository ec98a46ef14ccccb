import "server-only";
import { getDb } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";

export type Tx = Prisma.TransactionClient;

/**
 * Runs `work` in the caller's transaction when one is given (so an idempotency record or
 * another change commits together with it), otherwise in a new one.
 */
export function inTransaction<T>(tx: Tx | undefined, work: (tx: Tx) => Promise<T>): Promise<T> {
  return tx ? work(tx) : getDb().$transaction(work);
}
