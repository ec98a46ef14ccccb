import "server-only";
import type { BlockReason, BlockStatus } from "@/lib/generated/prisma/enums";
import { getRelayPool } from "@/lib/data/relay-pool";

export interface ActiveBlockQuery {
  /** The SMTP login; exactly one of smtpUser and smtpUserExternalId. */
  smtpUser?: string | undefined;
  smtpUserExternalId?: string | undefined;
  /** Narrows to one account where logins repeat across accounts. */
  accountId?: string | undefined;
  /** The envelope sender: blocks of this address and blocks of the whole SMTP user. */
  senderAddress?: string | undefined;
}

export interface ActiveBlock {
  id: string;
  accountId: string;
  smtpUser: { username: string; externalId: string | null };
  senderAddress: string | null;
  reason: BlockReason;
  status: BlockStatus;
  escalationLevel: number;
  expiresAt: string | null;
  smtpReply: string;
}

interface Row {
  id: string;
  account_id: string;
  username: string;
  external_id: string | null;
  sender_address: string | null;
  reason: BlockReason;
  status: BlockStatus;
  escalation_level: number;
  expires_at: Date | null;
  smtp_reply: string;
}

// Named, so each pooled connection prepares it once. "Open" is the partial index's own
// predicate (block_one_open_per_target), and a block past its expiry no longer blocks even
// before the expiry job has marked it. A sender address matches case-insensitively, like
// the index; a block without one covers every address of the SMTP user.
const select = (by: "username" | "external_id") => ({
  name: `active-blocks-by-${by}`,
  text: `SELECT b.public_id AS id, b.account_id, u.username, u.external_id, b.sender_address, b.reason, b.status,
      b.escalation_level, b.expires_at, b.smtp_reply
    FROM smtp_user u
    JOIN block b ON b.smtp_user_id = u.id AND b.status IN ('ACTIVE', 'UNDER_REVIEW')
    WHERE u.${by} = $1 AND ($2::uuid IS NULL OR u.account_id = $2::uuid)
      AND ($3::text IS NULL OR b.sender_address IS NULL OR lower(b.sender_address) = lower($3::text))
      AND (b.expires_at IS NULL OR b.expires_at > now())
    ORDER BY b.created_at
    LIMIT 100`,
});
const BY_USERNAME = select("username");
const BY_EXTERNAL_ID = select("external_id");

/**
 * The open blocks that stop this sender now: what the relay asks before accepting mail.
 * Read-only, and the hot path of the API (one prepared statement, no transaction). The
 * caller has verified the relay's API key; keys are relay-wide, so every account's
 * blocks are visible to it.
 */
export async function listActiveBlocks(query: ActiveBlockQuery): Promise<ActiveBlock[]> {
  const byExternalId = query.smtpUser === undefined;
  const statement = byExternalId ? BY_EXTERNAL_ID : BY_USERNAME;
  const values = [byExternalId ? query.smtpUserExternalId : query.smtpUser, query.accountId ?? null, query.senderAddress ?? null];
  const { rows } = await getRelayPool().query<Row>({ ...statement, values });
  return rows.map((row) => ({
    id: row.id,
    accountId: row.account_id,
    smtpUser: { username: row.username, externalId: row.external_id },
    senderAddress: row.sender_address,
    reason: row.reason,
    status: row.status,
    escalationLevel: row.escalation_level,
    expiresAt: row.expires_at ? row.expires_at.toISOString() : null,
    smtpReply: row.smtp_reply,
  }));
}
