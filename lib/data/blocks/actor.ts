import "server-only";
import type { Tx } from "@/lib/data/transaction";
import { Prisma } from "@/lib/db/client";
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
export async function assertActor(db: Tx, actor: BlockActor): Promise<void> {
  if (actor.type === "SYSTEM") return;
  if (actor.type === "STAFF") return assertStaff(db, actor.id);
  const ok = isUuid(actor.id) && (await db.apiKey.count({ where: { id: actor.id, revokedAt: null } })) === 1;
  if (!ok) throw actorRefused(actor);
}

/** assertActor for a staff member: STAFF or ADMIN, not disabled. */
export async function assertStaff(db: Tx, staffId: string): Promise<void> {
  const ok =
    isUuid(staffId) &&
    (await db.user.count({ where: { id: staffId, role: { in: [...STAFF_ROLES] }, disabledAt: null } })) === 1;
  if (!ok) throw actorRefused({ type: "STAFF", id: staffId });
}

const staffRoleList = () =>
  Prisma.join(
    STAFF_ROLES.map((role) => Prisma.sql`${role}::user_role`),
    ", ",
  );

/**
 * assertActor as an SQL boolean, for folding the check into a raw statement of block
 * creation (resolve-smtp-user.ts), which bench:api counts in round trips.
 */
export function actorCheckSql(actor: BlockActor): Prisma.Sql {
  const id = actorParameter(actor);
  if (actor.type === "SYSTEM") return Prisma.sql`(${id}::text IS NOT NULL)`;
  return actor.type === "RELAY"
    ? Prisma.sql`EXISTS (SELECT 1 FROM api_key WHERE id = ${id}::uuid AND revoked_at IS NULL)`
    : Prisma.sql`EXISTS (SELECT 1 FROM app_user WHERE id = ${id}::uuid AND role IN (${staffRoleList()}) AND disabled_at IS NULL)`;
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
