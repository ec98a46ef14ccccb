import "server-only";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";

type Tx = Prisma.TransactionClient;

/**
 * Who changes a block: the relay (by the id of the API key it authenticated with) or a
 * compliance staff member (by app_user id). Recorded on every event it causes.
 */
export type BlockActor = { type: "RELAY"; id: string } | { type: "STAFF"; id: string };

/*
 * Authorization lives here, not only in the route: the relay's key must still be
 * unrevoked (the API layer's short cache notwithstanding, so a revocation stops writes at
 * once), and a staff actor must hold a staff role. Both may act on every account's blocks.
 */
export async function assertActor(tx: Tx, actor: BlockActor): Promise<void> {
  if (actor.type === "RELAY") {
    const key = await tx.apiKey.findFirst({ where: { id: actor.id, revokedAt: null }, select: { id: true } });
    if (!key) throw new AppError("FORBIDDEN", "This API key is revoked or unknown.");
    return;
  }
  const user = await tx.user.findFirst({ where: { id: actor.id, role: { in: ["STAFF", "ADMIN"] } }, select: { id: true } });
  if (!user) throw new AppError("FORBIDDEN", "Only compliance staff may change blocks.");
}
