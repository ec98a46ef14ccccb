import "server-only";
import type { SmtpUserRow } from "./block-dto";
import type { Tx } from "./transaction";

/** The SMTP user a block belongs to, for its DTO. */
export async function findBlockUser(tx: Tx, smtpUserId: string): Promise<SmtpUserRow> {
  return tx.smtpUser.findUniqueOrThrow({ where: { id: smtpUserId }, select: { id: true, username: true, externalId: true } });
}
