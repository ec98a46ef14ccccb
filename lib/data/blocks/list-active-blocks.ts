import "server-only";
import type { BlockReason, BlockStatus } from "@/lib/generated/prisma/enums";
import { isUuid } from "@/lib/data/ids";
import { getPool } from "@/lib/db/pools";
import { AppError } from "@/lib/errors";
import { createBatcher } from "./status-batcher";
import { isStorableText, UNSTORABLE_TEXT_MESSAGE } from "./storable-text";

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
  request: number;
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

const MAX_BLOCKS_PER_ANSWER = 100;

// One statement answers a whole batch of checks: each check is a row of the unnested
// arrays, joined to its SMTP user and that user's open blocks. Named, so each pooled
// connection prepares it once. "Open" is the partial index's own predicate
// (block_one_open_per_target); a block past its expiry no longer blocks even before the
// expiry job has marked it; a sender address matches case-insensitively, like the index,
// and a block without one covers every address of the SMTP user.
const select = (by: "username" | "external_id") => ({
  name: `active-blocks-by-${by}`,
  text: `SELECT r.request, b.public_id AS id, b.account_id, u.username, u.external_id, b.sender_address, b.reason, b.status,
      b.escalation_level, b.expires_at, b.smtp_reply
    FROM unnest($1::int[], $2::text[], $3::uuid[], $4::text[]) AS r(request, login, account, sender)
    JOIN smtp_user u ON u.${by} = r.login AND (r.account IS NULL OR u.account_id = r.account)
    JOIN block b ON b.smtp_user_id = u.id AND b.status IN ('ACTIVE', 'UNDER_REVIEW')
      AND (r.sender IS NULL OR b.sender_address IS NULL OR lower(b.sender_address) = lower(r.sender))
      AND (b.expires_at IS NULL OR b.expires_at > now())
    ORDER BY r.request, b.created_at`,
});
const BY_USERNAME = select("username");
const BY_EXTERNAL_ID = select("external_id");

async function runBatch(queries: ActiveBlockQuery[]): Promise<ActiveBlock[][]> {
  const byExternalId = queries[0]!.smtpUser === undefined;
  const { rows } = await getPool("relay").query<Row>({
    ...(byExternalId ? BY_EXTERNAL_ID : BY_USERNAME),
    values: [
      queries.map((_, index) => index),
      queries.map((query) => (byExternalId ? query.smtpUserExternalId : query.smtpUser)),
      queries.map((query) => query.accountId ?? null),
      queries.map((query) => query.senderAddress ?? null),
    ],
  });
  const answers: ActiveBlock[][] = queries.map(() => []);
  for (const row of rows) {
    const answer = answers[row.request]!;
    if (answer.length < MAX_BLOCKS_PER_ANSWER) answer.push(toActiveBlock(row));
  }
  return answers;
}

const toActiveBlock = (row: Row): ActiveBlock => ({
  id: row.id,
  accountId: row.account_id,
  smtpUser: { username: row.username, externalId: row.external_id },
  senderAddress: row.sender_address,
  reason: row.reason,
  status: row.status,
  escalationLevel: row.escalation_level,
  expiresAt: row.expires_at ? row.expires_at.toISOString() : null,
  smtpReply: row.smtp_reply,
});

// Checks by login and by external id use different statements, so they batch apart.
const byLogin = createBatcher(runBatch);
const byExternalIdBatch = createBatcher(runBatch);

/**
 * The open blocks that stop this sender now: what the relay asks before accepting mail.
 * Read-only, and the hot path of the API: checks arriving together are answered by one
 * prepared statement (status-batcher.ts), each exactly as if it had been asked alone.
 * The caller has verified the relay's API key; keys are relay-wide, so every account's
 * blocks are visible to it.
 */
export async function listActiveBlocks(query: ActiveBlockQuery): Promise<ActiveBlock[]> {
  // One malformed value would fail the whole batch's statement: refuse it here, alone.
  for (const [field, value] of Object.entries(query)) {
    if (typeof value === "string" && !isStorableText(value)) throw new AppError("INVALID", `${field}: ${UNSTORABLE_TEXT_MESSAGE}`, { field });
  }
  if (query.accountId !== undefined && !isUuid(query.accountId)) throw new AppError("INVALID", "accountId: not a uuid", { field: "accountId" });
  return query.smtpUser === undefined ? byExternalIdBatch(query) : byLogin(query);
}
