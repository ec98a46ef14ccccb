import "server-only";
import type { SqlTx } from "@/lib/data/sql-tx";
import type { SmtpUserRow } from "./block-dto";

/** The SMTP user a block belongs to, for its DTO. */
export async function findBlockUser(sql: SqlTx, smtpUserId: string): Promise<SmtpUserRow> {
  const [user] = await sql.query<SmtpUserRow>(
    `SELECT id, username, external_id AS "externalId" FROM smtp_user WHERE id = $1::uuid`,
    [smtpUserId],
  );
  if (!user) throw new Error(`smtp user ${smtpUserId} of a block is missing`);
  return user;
}
