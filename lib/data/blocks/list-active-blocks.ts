import "server-only";
import { z } from "zod";
import { BlockReason, BlockStatus } from "@/lib/generated/prisma/enums";
import { isUuid } from "@/lib/data/ids";
import { queryRows } from "@/lib/db/sql";
import { AppError } from "@/lib/errors";
import { createBatcher } from "./status-batcher";
import { isStorableText, UNSTORABLE_TEXT_MESSAGE } from "./storable-text";
import { smtpReplyParts, type SmtpReplyParts } from "@/lib/report-link";
import { currentReportLink, type LinkUnavailable } from "./report-links";
import { actorParameter, actorRefused, actorRowCheckSql, type BlockActor } from "./actor";
import { asciiSenderForm, unicodeSenderForm } from "./sender-forms";

export interface ActiveBlockQuery {
  /**
   * The SMTP login; at most one of smtpUser and smtpUserExternalId. With neither, the
   * sender did not authenticate (the policy service's SASL-less clients): only the blocks
   * of `senderAddress` itself apply, under any SMTP user.
   */
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
  /** The SMTP status line alone (as stored). */
  smtpReply: string;
  /** The block's current report link, said again from its sealed secret; null when it cannot be. */
  reportUrl: string | null;
  /** Why reportUrl is null (lib/data/blocks/report-links.ts); null when it is given. */
  linkUnavailable: LinkUnavailable | null;
  /** The exact reply to send: the status line, the `See:` line, and both as one line. */
  reply: SmtpReplyParts;
}

const blockRow = z.object({
  request: z.number().int(),
  allowed: z.literal(true),
  id: z.string(),
  account_id: z.string(),
  username: z.string(),
  external_id: z.string().nullable(),
  sender_address: z.string().nullable(),
  reason: z.enum(BlockReason),
  status: z.enum(BlockStatus),
  escalation_level: z.number().int(),
  expires_at: z.date().nullable(),
  smtp_reply: z.string(),
  secret_sealed: z.instanceof(Uint8Array).nullable(),
});
/** The one row of a request with no open block, or whose caller was refused. */
const emptyRow = z.object({ request: z.number().int(), allowed: z.boolean(), id: z.null() });
const row = z.union([blockRow, emptyRow]);
type BlockRow = z.infer<typeof blockRow>;

const MAX_BLOCKS_PER_ANSWER = 100;

// One statement answers a whole batch of checks: each check is a row of the unnested
// arrays, with whether its caller may ask (the relay's key still unrevoked: checked here,
// in the statement, so a revocation stops answers at once whatever the API layer cached),
// left-joined to its SMTP user and that user's open blocks; a check with no open block
// still gives its one row (with nulls), so a refused caller is told so, never "not blocked".
// Named, so each pooled connection prepares it once. "Open" is the partial index's own
// predicate (block_one_open_per_target); a block past its expiry no longer blocks even
// before the expiry job has marked it; a sender address matches case-insensitively, like
// the index, and a block without one covers every address of the SMTP user.
// A check by sender alone (no login) matches the address's own blocks through
// block_open_sender_idx, under any SMTP user (narrowed by account when given).
// The sender is matched as given and with its domain in A-labels and in U-labels, without
// a trailing dot (sender-forms.ts): a block stored in one form stops the others.
const COLUMNS = `b.public_id AS id, b.account_id, u.username, u.external_id, b.sender_address, b.reason, b.status,
      b.escalation_level, b.expires_at, b.smtp_reply, b.secret_sealed, b.created_at`;
const OPEN = `b.status IN ('ACTIVE', 'UNDER_REVIEW') AND (b.expires_at IS NULL OR b.expires_at > now())`;
const REQUESTS = `(SELECT x.request, x.login, x.account, x.sender, x.sender_ascii, x.sender_unicode,
        ${actorRowCheckSql("x.actor_type", "x.actor_id")} AS allowed
      FROM unnest($1::int[], $2::text[], $3::uuid[], $4::text[], $5::text[], $6::uuid[], $7::text[], $8::text[])
        AS x(request, login, account, sender, actor_type, actor_id, sender_ascii, sender_unicode)) r`;
const SENDER_MATCHES = `lower(b.sender_address) IN (lower(r.sender), lower(r.sender_ascii), lower(r.sender_unicode))`;
const answer = (name: string, match: string) => ({
  name,
  text: `SELECT r.request, r.allowed, m.*
    FROM ${REQUESTS}
    LEFT JOIN LATERAL (${match} ORDER BY b.created_at LIMIT ${MAX_BLOCKS_PER_ANSWER}) m ON r.allowed
    ORDER BY r.request, m.created_at`,
});
const select = (by: "username" | "external_id") =>
  answer(
    `active-blocks-by-${by}`,
    `SELECT ${COLUMNS}
      FROM smtp_user u JOIN block b ON b.smtp_user_id = u.id AND ${OPEN}
        AND (r.sender IS NULL OR b.sender_address IS NULL OR ${SENDER_MATCHES})
      WHERE u.${by} = r.login AND (r.account IS NULL OR u.account_id = r.account)`,
  );
const BY_USERNAME = select("username");
const BY_EXTERNAL_ID = select("external_id");
const BY_SENDER = answer(
  "active-blocks-by-sender",
  `SELECT ${COLUMNS}
    FROM block b JOIN smtp_user u ON u.id = b.smtp_user_id
    WHERE ${SENDER_MATCHES} AND b.sender_address IS NOT NULL AND ${OPEN}
      AND (r.account IS NULL OR b.account_id = r.account)`,
);

type Lookup = "username" | "external_id" | "sender";
const lookupOf = (query: ActiveBlockQuery): Lookup =>
  query.smtpUser !== undefined ? "username" : query.smtpUserExternalId !== undefined ? "external_id" : "sender";
const STATEMENTS = { username: BY_USERNAME, external_id: BY_EXTERNAL_ID, sender: BY_SENDER };

interface Check {
  actor: BlockActor;
  query: ActiveBlockQuery;
}

async function runBatch(checks: Check[]): Promise<(ActiveBlock[] | Error)[]> {
  const queries = checks.map((check) => check.query);
  const lookup = lookupOf(queries[0]!);
  const { name, text } = STATEMENTS[lookup];
  const statement = {
    text,
    values: [
      queries.map((_, index) => index),
      queries.map((query) =>
        lookup === "username" ? query.smtpUser : lookup === "external_id" ? query.smtpUserExternalId : null,
      ),
      queries.map((query) => query.accountId ?? null),
      queries.map((query) => query.senderAddress ?? null),
      checks.map((check) => check.actor.type),
      checks.map((check) => actorParameter(check.actor)),
      queries.map((query) => (query.senderAddress === undefined ? null : asciiSenderForm(query.senderAddress))),
      queries.map((query) => (query.senderAddress === undefined ? null : unicodeSenderForm(query.senderAddress))),
    ],
  };
  const rows = await queryRows("relay", statement, row, name);
  const answers: (ActiveBlock[] | Error)[] = queries.map(() => []);
  for (const row of rows) {
    const answer = answers[row.request]!;
    if (!row.allowed) answers[row.request] = actorRefused(checks[row.request]!.actor);
    else if (Array.isArray(answer) && row.id !== null) answer.push(toActiveBlock(row));
  }
  return answers;
}

function toActiveBlock(row: BlockRow): ActiveBlock {
  const link = currentReportLink(row.id, row.secret_sealed);
  return {
    id: row.id,
    accountId: row.account_id,
    smtpUser: { username: row.username, externalId: row.external_id },
    senderAddress: row.sender_address,
    reason: row.reason,
    status: row.status,
    escalationLevel: row.escalation_level,
    expiresAt: row.expires_at ? row.expires_at.toISOString() : null,
    smtpReply: row.smtp_reply,
    reportUrl: link.url,
    linkUnavailable: link.unavailable,
    reply: smtpReplyParts(row.reason, link.url),
  };
}

// Each kind of check has its own statement, so they batch apart.
const batchers: Record<Lookup, (check: Check) => Promise<ActiveBlock[] | Error>> = {
  username: createBatcher(runBatch),
  external_id: createBatcher(runBatch),
  sender: createBatcher(runBatch),
};

/**
 * The open blocks that stop this sender now: what the relay asks before accepting mail.
 * Read-only, and the hot path of the API: checks arriving together are answered by one
 * prepared statement (status-batcher.ts), each exactly as if it had been asked alone.
 * Callers: the relay (by its API key, which must be unrevoked: checked in the statement;
 * keys are relay-wide, so every account's blocks are visible to it), staff, and the
 * policy service (SYSTEM). Anyone else is refused with FORBIDDEN.
 */
export async function listActiveBlocks(actor: BlockActor, query: ActiveBlockQuery): Promise<ActiveBlock[]> {
  // One malformed value would fail the whole batch's statement: refuse it here, alone.
  for (const [field, value] of Object.entries(query)) {
    if (typeof value === "string" && !isStorableText(value))
      throw new AppError("INVALID", `${field}: ${UNSTORABLE_TEXT_MESSAGE}`, { field });
  }
  if (query.accountId !== undefined && !isUuid(query.accountId))
    throw new AppError("INVALID", "accountId: not a uuid", { field: "accountId" });
  const lookup = lookupOf(query);
  if (lookup === "sender" && !query.senderAddress)
    throw new AppError("INVALID", "senderAddress: required without an SMTP user", { field: "senderAddress" });
  const answer = await batchers[lookup]({ actor, query });
  if (answer instanceof Error) throw answer;
  return answer;
}
