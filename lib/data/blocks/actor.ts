import "server-only";
import type { SqlTx } from "@/lib/data/sql-tx";
import { isUuid } from "@/lib/data/ids";
import { AppError } from "@/lib/errors";

/**
 * Who changes a block: the relay (by the id of the API key it authenticated with) or a
 * compliance staff member (by app_user id). Recorded on every event it causes.
 */
export type BlockActor = { type: "RELAY"; id: string } | { type: "STAFF"; id: string };

/** The roles that may act as compliance staff. */
export const STAFF_ROLES = ["STAFF", "ADMIN"] as const;

/*
 * Authorization lives here, not only in the route: the relay's key must still be
 * unrevoked (the API layer's short cache notwithstanding, so a revocation stops writes at
 * once), and a staff actor must hold a staff role and not be disabled. Both may act on every account's blocks.
 */
export async function assertActor(sql: SqlTx, actor: BlockActor): Promise<void> {
  const [row] = await sql.query<{ ok: boolean }>(`SELECT ${actorCheckSql(actor, "$1")} AS ok`, [actorParameter(actor)]);
  if (!row?.ok) throw actorRefused(actor);
}

/** An SQL boolean expression: the actor (its id in `placeholder`) may act. For folding the check into another statement. */
export function actorCheckSql(actor: BlockActor, placeholder: string): string {
  return actor.type === "RELAY"
    ? `EXISTS (SELECT 1 FROM api_key WHERE id = ${placeholder}::uuid AND revoked_at IS NULL)`
    : `EXISTS (SELECT 1 FROM app_user WHERE id = ${placeholder}::uuid AND role IN (${STAFF_ROLES.map((role) => `'${role}'`).join(", ")}) AND disabled_at IS NULL)`;
}

/** The value for actorCheckSql's placeholder: a malformed id becomes the nil uuid, which matches nothing. */
export const actorParameter = (actor: BlockActor): string => (isUuid(actor.id) ? actor.id : "00000000-0000-0000-0000-000000000000");

export const actorRefused = (actor: BlockActor) =>
  new AppError("FORBIDDEN", actor.type === "RELAY" ? "This API key is revoked or unknown." : "Only compliance staff may change blocks.");
