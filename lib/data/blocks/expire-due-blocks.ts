import "server-only";
import { assertSystemCaller, type SystemCaller } from "@/lib/data/callers";
import { z } from "zod";
import { getDb, Prisma } from "@/lib/db/client";
import { queryRows } from "@/lib/db/sql";
import { expireBlocks } from "./expire-block";

const BATCH_SIZE = 200;

/**
 * Ends every open block whose expiry has passed: status EXPIRED, an EXPIRED event and a
 * `block.expired` webhook each. Runs from the scheduled job "blocks.expire" (every
 * minute); the system is the only caller. Works in batches of its own transaction, and
 * SKIP LOCKED lets two workers run it at once without waiting on or repeating each other.
 * On Prisma's pool: background work, not the relay's hot path (lib/db/pools.ts).
 * Returns how many blocks it expired.
 */
export async function expireDueBlocks(
  system: SystemCaller,
  { now = new Date() }: { now?: Date } = {},
): Promise<number> {
  assertSystemCaller(system);
  let total = 0;
  for (;;) {
    const expired = await getDb().$transaction(
      async (tx) => {
        // FOR UPDATE SKIP LOCKED, which the model API does not take: two workers share the work.
        const due = await queryRows(
          tx,
          Prisma.sql`SELECT id FROM block WHERE status IN ('ACTIVE', 'UNDER_REVIEW') AND expires_at <= ${now}
           ORDER BY expires_at LIMIT ${BATCH_SIZE} FOR UPDATE SKIP LOCKED`,
          z.object({ id: z.string() }),
        );
        return expireBlocks(
          tx,
          due.map((row) => row.id),
          now,
        );
      },
      { timeout: 60_000 },
    );
    total += expired.length;
    if (expired.length < BATCH_SIZE) return total;
  }
}
