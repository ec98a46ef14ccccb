import "server-only";
import type { SqlTx } from "@/lib/data/sql-tx";
import type { Prisma } from "@/lib/generated/prisma/client";
import { isUuid } from "@/lib/data/ids";
import { STAFF_ROLES } from "@/lib/auth/roles";
import { AppError } from "@/lib/errors";

/**
 * Who changes a block: the relay (by the id of the API key it authenticated with), a
 * compliance staff member (by app_user id), or one of our own processes that holds the
 * database credentials itself (by name: "policy-service", the Postfix policy service
 * counting refused messages). Recorded on every event it causes. No HTTP caller can be
 * SYSTEM: routes build the actor from the key or session they verified.
 */
export type BlockActor = { type: "RELAY"; id: string } | { type: "STAFF"; id: string } | { type: "SYSTEM"; id: string };

/*
 * Authorization lives here, not only in the route: the relay's key must still be
 * unrevoked (the API layer's short cache notwithstanding, so a revocation stops writes at
 * once), and a staff actor must hold a staff role and not be disabled. Both may act on every account's blocks.
 */
export async function assertActor(sql: SqlTx, actor: BlockActor): Promise<void> {
  const [row] = await sql.query<{ ok: boolean }>(`SELECT ${actorCheckSql(actor, "$1")} AS ok`, [actorParameter(actor)]);
  if (!row?.ok) throw actorRefused(actor);
}

/**
 * assertActor for a staff member, through Prisma's model API: the console's own check,
 * on Prisma's pool (the relay's pool is for the relay, lib/db/pools.ts).
 */
export async function assertStaff(db: Prisma.TransactionClient, staffId: string): Promise<void> {
  const ok =
    isUuid(staffId) &&
    (await db.user.count({ where: { id: staffId, role: { in: [...STAFF_ROLES] }, disabledAt: null } })) === 1;
  if (!ok) throw actorRefused({ type: "STAFF", id: staffId });
}

/** An SQL boolean expression: the actor (its id in `placeholder`) may act. For folding the check into another statement. */
export function actorCheckSql(actor: BlockActor, placeholder: string): string {
  if (actor.type === "SYSTEM") return `(${placeholder}::text IS NOT NULL)`;
  return actor.type === "RELAY"
    ? `EXISTS (SELECT 1 FROM api_key WHERE id = ${placeholder}::uuid AND revoked_at IS NULL)`
    : `EXISTS (SELECT 1 FROM app_user WHERE id = ${placeholder}::uuid AND role IN (${STAFF_ROLES.map((role) => `'${role}'`).join(", ")}) AND disabled_at IS NULL)`;
}

/**
 * actorCheckSql for a batch of actors, one per row: an SQL boolean over the row's actor
 * type (text) and id (uuid, actorParameter) columns. SYSTEM is our own process.
 */
export function actorRowCheckSql(typeColumn: string, idColumn: string): string {
  return `CASE ${typeColumn}
      WHEN 'SYSTEM' THEN true
      WHEN 'RELAY' THEN EXISTS (SELECT 1 FROM api_key WHERE id = ${idColumn} AND revoked_at IS NULL)
      WHEN 'STAFF' THEN EXISTS (SELECT 1 FROM app_user WHERE id = ${idColumn} AND role IN (${STAFF_ROLES.map((role) => `'${role}'`).join(", ")}) AND disabled_at IS NULL)
      ELSE false END`;
}

/** The value for actorCheckSql's placeholder: a malformed id becomes the nil uuid, which matches nothing. */
export const actorParameter = (actor: BlockActor): string =>
  isUuid(actor.id) ? actor.id : "00000000-0000-0000-0000-000000000000";

export const actorRefused = (actor: BlockActor) =>
  new AppError(
    "FORBIDDEN",
    actor.type === "RELAY" ? "This API key is revoked or unknown." : "Only compliance staff may change blocks.",
  );
