import "server-only";
import { AppError } from "@/lib/errors";
import type { SmtpUserRow } from "./block-dto";
import type { Tx } from "./transaction";

export interface SmtpUserRef {
  /** The SMTP login the relay authenticated. */
  username: string;
  /** The relay's own stable id for the user, if it has one; preferred for matching. */
  externalId?: string | undefined;
}

const fieldError = (code: "NOT_FOUND" | "CONFLICT", field: string, message: string) => new AppError(code, message, { field });

/*
 * The relay knows its users before we do: an SMTP user it names under an existing account
 * is created on first use. Accounts are not: they carry the plan and the owner logins, so
 * an unknown account is a 404 rather than a silent new customer.
 *
 * Matching prefers the external id (stable across renames), then the username. A username
 * seen before without an external id adopts the one now given; a username already bound
 * to a different external id is a conflict, because the two cannot be the same user.
 */
export async function resolveSmtpUser(tx: Tx, accountId: string, ref: SmtpUserRef): Promise<SmtpUserRow> {
  const externalId = ref.externalId ?? null;
  const rows = await tx.$queryRaw<SmtpUserRow[]>`
    SELECT id, username, external_id AS "externalId" FROM smtp_user
    WHERE account_id = ${accountId}::uuid AND (username = ${ref.username} OR external_id = ${externalId})`;
  const byExternalId = externalId === null ? undefined : rows.find((row) => row.externalId === externalId);
  if (byExternalId) return byExternalId;
  const byUsername = rows.find((row) => row.username === ref.username);
  if (byUsername) {
    if (externalId === null || byUsername.externalId === externalId) return byUsername;
    if (byUsername.externalId !== null) {
      throw fieldError("CONFLICT", "smtpUser.username", `The SMTP user ${ref.username} already has another external id on this account.`);
    }
    await tx.smtpUser.update({ where: { id: byUsername.id }, data: { externalId } });
    return { ...byUsername, externalId };
  }
  const created = await tx.$queryRaw<SmtpUserRow[]>`
    INSERT INTO smtp_user (account_id, username, external_id)
    SELECT id, ${ref.username}, ${externalId} FROM account WHERE id = ${accountId}::uuid
    ON CONFLICT DO NOTHING
    RETURNING id, username, external_id AS "externalId"`;
  if (created[0]) return created[0];
  const account = await tx.account.findUnique({ where: { id: accountId }, select: { id: true } });
  if (!account) throw fieldError("NOT_FOUND", "accountId", "No account has this id.");
  // Another request created the same user a moment ago.
  const again = await tx.smtpUser.findFirst({
    where: { accountId, OR: [{ username: ref.username }, ...(externalId === null ? [] : [{ externalId }])] },
    select: { id: true, username: true, externalId: true },
  });
  if (!again) throw fieldError("CONFLICT", "smtpUser", "The SMTP user changed while the block was being created; retry.");
  return again;
}
