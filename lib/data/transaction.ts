import "server-only";
import { getDb } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";

/** A Prisma transaction (or the client itself): what every data function writes through. */
export type Tx = Prisma.TransactionClient;

/*
 * A burst of relay writes shares Prisma's pool with the pages and the console: waiting a
 * little longer than Prisma's default 2 s for a connection turns the burst into answers
 * rather than errors (the relay pool's transactions this replaces waited as long as it took).
 */
const DEFAULT_OPTIONS = { maxWait: 5_000, timeout: 10_000 };

/**
 * Runs `work` in the caller's transaction when one is given (the staff console lifts a
 * block in the same transaction as its appeal decision; the relay API records an
 * Idempotency-Key's answer in the transaction of the change), otherwise in a new Prisma
 * interactive transaction.
 */
export function inTransaction<T>(
  tx: Tx | undefined,
  work: (tx: Tx) => Promise<T>,
  options: { timeout?: number; maxWait?: number } = DEFAULT_OPTIONS,
): Promise<T> {
  return tx ? work(tx) : getDb().$transaction(work, options);
}
