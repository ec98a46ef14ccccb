import "server-only";
import type { Tx } from "@/lib/data/transaction";
import type { SmtpUserRow } from "./block-dto";

/** The SMTP user a block belongs to, for its DTO. */
export async function findBlockUser(db: Tx, smtpUserId: string): Promise<SmtpUserRow> {
  return db.smtpUser.findUniqueOrThrow({
    where: { id: smtpUserId },
    select: { id: true, username: true, externalId: true },
  });
}
