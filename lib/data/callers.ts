import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { isUuid } from "@/lib/data/ids";
import { AppError } from "@/lib/errors";

/*
 * Who asks a data function, for the functions outside the block lifecycle (which has its
 * own BlockActor, lib/data/blocks/actor.ts). Routes build a caller from what they
 * verified (an API key, a session); no HTTP caller can be SYSTEM.
 *   RELAY  — the relay, by the id of the API key it authenticated with;
 *   SYSTEM — one of our own processes holding the database credentials itself: the
 *            operator's scripts (npm run apikey:*), the background worker's jobs.
 */
export type RelayCaller = { type: "RELAY"; id: string };
export type SystemCaller = { type: "SYSTEM"; id: string };

/** The operator's key scripts (scripts/apikey-*.ts). */
export const OPERATOR: SystemCaller = { type: "SYSTEM", id: "operator" };
/** The background worker's jobs (lib/jobs). */
export const WORKER: SystemCaller = { type: "SYSTEM", id: "worker" };

/**
 * The relay's key must still be unrevoked when it acts, whatever the API layer's short
 * key cache says (lib/api/authenticate.ts): a revocation stops every change at once.
 */
export async function assertRelayCaller(db: Prisma.TransactionClient, caller: RelayCaller): Promise<void> {
  const live =
    caller.type === "RELAY" &&
    isUuid(caller.id) &&
    (await db.apiKey.count({ where: { id: caller.id, revokedAt: null } })) === 1;
  if (!live) throw new AppError("FORBIDDEN", "This API key is revoked or unknown.");
}

/** Only our own processes: a caller typed as anything else (a relay's key, a user) is refused. */
export function assertSystemCaller(caller: SystemCaller): void {
  if (caller.type !== "SYSTEM") throw new AppError("FORBIDDEN", "Only the operator's own processes may do this.");
}
