import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";

const TOKEN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Claims a form's one-time submission token inside the caller's transaction. Each render
 * of a form carries a fresh token, so a double click with JavaScript off (two POSTs of the
 * same form) records one report. The claim is a row in the rate-limit table keyed by the
 * token: a concurrent duplicate waits on the row lock and, once the first commits, sees
 * the claim; if the first rolls back, the claim vanishes with it and the retry proceeds.
 * Returns false for a token already used; a missing or malformed token is not deduplicated.
 */
export async function claimSubmission(
  tx: Prisma.TransactionClient,
  form: string,
  token: string | undefined,
): Promise<boolean> {
  if (!token || !TOKEN.test(token)) return true;
  // skipDuplicates is INSERT … ON CONFLICT DO NOTHING: a concurrent duplicate waits on the first's row.
  const { count } = await tx.rateLimit.createMany({
    data: [{ key: `once:${form}:${token}`, windowStart: new Date(), count: 1 }],
    skipDuplicates: true,
  });
  return count === 1;
}
