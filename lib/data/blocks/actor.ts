import "server-only";
import type { SqlTx } from "@/lib/data/sql-tx";
import { AppError } from "@/lib/errors";

/**
 * Who changes a block: the relay (by the id of the API key it authenticated with) or a
 * compliance staff member (by app_user id). Recorded on every event it causes.
 */
export type BlockActor = { type: "RELAY"; id: string } | { type: "STAFF"; id: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/*
 * Authorization lives here, not only in the route: the relay's key must still be
 * unrevoked (the API layer's short cache notwithstanding, so a revocation stops writes at
 * once), and a staff actor must hold a staff role. Both may act on every account's blocks.
 */
export async function assertActor(sql: SqlTx, actor: BlockActor): Promise<void> {
  const known = UUID.test(actor.id)
    ? await sql.query<{ ok: number }>(
        actor.type === "RELAY"
          ? "SELECT 1 AS ok FROM api_key WHERE id = $1::uuid AND revoked_at IS NULL"
          : "SELECT 1 AS ok FROM app_user WHERE id = $1::uuid AND role IN ('STAFF', 'ADMIN')",
        [actor.id],
      )
    : [];
  if (known.length === 1) return;
  throw new AppError("FORBIDDEN", actor.type === "RELAY" ? "This API key is revoked or unknown." : "Only compliance staff may change blocks.");
}
