import "server-only";
import { z } from "zod";
import { getDb, Prisma } from "@/lib/db/client";
import { queryRows, type SqlTarget } from "@/lib/db/sql";
import { AppError } from "@/lib/errors";
import { actorCheckSql, actorRefused, type BlockActor } from "./actor";
import { smtpUserRowSchema, type SmtpUserRow } from "./block-dto";

export interface SmtpUserRef {
  /** The SMTP login the relay authenticated. */
  username: string;
  /** The relay's own stable id for the user, if it has one; preferred for matching. */
  externalId?: string | undefined;
}

const USER_COLUMNS = Prisma.sql`id, username, external_id AS "externalId"`;
const fieldError = (code: "NOT_FOUND" | "CONFLICT", field: string, message: string) =>
  new AppError(code, message, { field });

const lookupRow = z.object({
  actorOk: z.boolean(),
  id: z.string().nullable(),
  username: z.string().nullable(),
  externalId: z.string().nullable(),
});

/*
 * Raw SQL, for bench:api's block creation target (docs/architecture.md, "The query rule"):
 * the actor check rides along with the user lookup, one round trip instead of two, on the
 * relay's pool (or in the caller's transaction). A user's first block inserts it raw too:
 * an insert that does nothing on a conflict keeps the caller's transaction usable, where
 * the model API's failed create would abort it. The rest is the model API.
 *
 * The relay knows its users before we do: an SMTP user it names under an existing account
 * is created on first use. Accounts are not: they carry the plan and the owner logins, so
 * an unknown account is a 404 rather than a silent new customer.
 *
 * Matching prefers the external id (stable across renames), then the username. A username
 * seen before without an external id adopts the one now given; a username already bound
 * to a different external id is a conflict, because the two cannot be the same user.
 */
export async function resolveSmtpUser(
  target: SqlTarget,
  accountId: string,
  ref: SmtpUserRef,
  actor: BlockActor,
): Promise<SmtpUserRow> {
  const externalId = ref.externalId ?? null;
  const db = typeof target === "string" ? getDb() : target;
  const found = await queryRows(
    target,
    Prisma.sql`SELECT ${actorCheckSql(actor)} AS "actorOk", u.id, u.username, u.external_id AS "externalId"
     FROM (SELECT 1) AS one
     LEFT JOIN smtp_user u ON u.account_id = ${accountId}::uuid AND (u.username = ${ref.username} OR u.external_id = ${externalId})`,
    lookupRow,
  );
  if (!found[0]?.actorOk) throw actorRefused(actor);
  const rows = found.flatMap((row) =>
    row.id !== null && row.username !== null
      ? [{ id: row.id, username: row.username, externalId: row.externalId }]
      : [],
  );
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
    await db.smtpUser.update({ where: { id: byUsername.id }, data: { externalId } });
    return { ...byUsername, externalId };
  }
  const [created] = await queryRows(
    target,
    Prisma.sql`INSERT INTO smtp_user (account_id, username, external_id)
     SELECT id, ${ref.username}, ${externalId} FROM account WHERE id = ${accountId}::uuid
     ON CONFLICT DO NOTHING
     RETURNING ${USER_COLUMNS}`,
    smtpUserRowSchema,
  );
  if (created) return created;
  const account = await db.account.findUnique({ where: { id: accountId }, select: { id: true } });
  if (!account) throw fieldError("NOT_FOUND", "accountId", "No account has this id.");
  // Another request created the same user a moment ago (the insert waited for it, then did nothing).
  const raced = await db.smtpUser.findMany({
    where: { accountId, OR: [{ username: ref.username }, ...(externalId === null ? [] : [{ externalId }])] },
    select: { id: true, username: true, externalId: true },
  });
  const again = raced.find((user) => externalId !== null && user.externalId === externalId) ?? raced[0];
  if (!again)
    throw fieldError("CONFLICT", "smtpUser", "The SMTP user changed while the block was being created; retry.");
  return again;
}
