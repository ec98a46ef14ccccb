import "server-only";
import type { SqlTx } from "@/lib/data/sql-tx";
import { AppError } from "@/lib/errors";
import { actorCheckSql, actorParameter, actorRefused, type BlockActor } from "./actor";
import type { SmtpUserRow } from "./block-dto";

export interface SmtpUserRef {
  /** The SMTP login the relay authenticated. */
  username: string;
  /** The relay's own stable id for the user, if it has one; preferred for matching. */
  externalId?: string | undefined;
}

const USER_COLUMNS = `id, username, external_id AS "externalId"`;
const fieldError = (code: "NOT_FOUND" | "CONFLICT", field: string, message: string) =>
  new AppError(code, message, { field });

/*
 * The relay knows its users before we do: an SMTP user it names under an existing account
 * is created on first use. Accounts are not: they carry the plan and the owner logins, so
 * an unknown account is a 404 rather than a silent new customer.
 *
 * Matching prefers the external id (stable across renames), then the username. A username
 * seen before without an external id adopts the one now given; a username already bound
 * to a different external id is a conflict, because the two cannot be the same user.
 */
export async function resolveSmtpUser(
  sql: SqlTx,
  accountId: string,
  ref: SmtpUserRef,
  actor: BlockActor,
): Promise<SmtpUserRow> {
  const externalId = ref.externalId ?? null;
  // The actor check rides along with the lookup: one round trip instead of two.
  const found = await sql.query<Partial<SmtpUserRow> & { actorOk: boolean }>(
    `SELECT ${actorCheckSql(actor, "$4")} AS "actorOk", u.id, u.username, u.external_id AS "externalId"
     FROM (SELECT 1) AS one
     LEFT JOIN smtp_user u ON u.account_id = $1::uuid AND (u.username = $2 OR u.external_id = $3)`,
    [accountId, ref.username, externalId, actorParameter(actor)],
  );
  if (!found[0]?.actorOk) throw actorRefused(actor);
  const rows = found.filter((row): row is SmtpUserRow & { actorOk: boolean } => typeof row.id === "string");
  const byExternalId = externalId === null ? undefined : rows.find((row) => row.externalId === externalId);
  if (byExternalId) return byExternalId;
  const byUsername = rows.find((row) => row.username === ref.username);
  if (byUsername) {
    if (externalId === null || byUsername.externalId === externalId) return byUsername;
    if (byUsername.externalId !== null) {
      throw fieldError(
        "CONFLICT",
        "smtpUser.username",
        `The SMTP user ${ref.username} already has another external id on this account.`,
      );
    }
    await sql.query("UPDATE smtp_user SET external_id = $2 WHERE id = $1::uuid", [byUsername.id, externalId]);
    return { ...byUsername, externalId };
  }
  const [created] = await sql.query<SmtpUserRow>(
    `INSERT INTO smtp_user (account_id, username, external_id)
     SELECT id, $2, $3 FROM account WHERE id = $1::uuid
     ON CONFLICT DO NOTHING
     RETURNING ${USER_COLUMNS}`,
    [accountId, ref.username, externalId],
  );
  if (created) return created;
  const [account] = await sql.query<{ id: string }>("SELECT id FROM account WHERE id = $1::uuid", [accountId]);
  if (!account) throw fieldError("NOT_FOUND", "accountId", "No account has this id.");
  // Another request created the same user a moment ago (the insert waited for it, then did nothing).
  const [again] = await sql.query<SmtpUserRow>(
    `SELECT ${USER_COLUMNS} FROM smtp_user WHERE account_id = $1::uuid AND (username = $2 OR external_id = $3) ORDER BY external_id = $3 DESC NULLS LAST LIMIT 1`,
    [accountId, ref.username, externalId],
  );
  if (!again)
    throw fieldError("CONFLICT", "smtpUser", "The SMTP user changed while the block was being created; retry.");
  return again;
}
