import type { BlockReason, BlockStatus } from "@/lib/generated/prisma/enums";

/** A block as the relay API and the staff console see it: plain JSON, no secret digest. */
export interface BlockDto {
  /** The report's public id (20 hex characters), the same as in the report link. */
  id: string;
  accountId: string;
  smtpUser: { id: string; username: string; externalId: string | null };
  senderAddress: string | null;
  reason: BlockReason;
  status: BlockStatus;
  scores: { spam: number; abuse: number; rate: number; combined: number; threshold: number };
  escalationLevel: number;
  attemptCount: number;
  expiresAt: string | null;
  endedAt: string | null;
  liftReason: string | null;
  /** The SMTP status line (without the `See:` link, which needs the secret). */
  smtpReply: string;
  createdAt: string;
  updatedAt: string;
}

/** The columns a BlockDto needs, aliased to camelCase for raw SQL (`RETURNING ${BLOCK_COLUMNS}`). */
export const BLOCK_COLUMNS = `id, public_id AS "publicId", account_id AS "accountId", smtp_user_id AS "smtpUserId",
  sender_address AS "senderAddress", reason::text AS reason, status::text AS status, spam_score AS "spamScore",
  abuse_score AS "abuseScore", rate_score AS "rateScore", combined_score AS "combinedScore", threshold,
  escalation_level AS "escalationLevel", attempt_count AS "attemptCount", expires_at AS "expiresAt",
  smtp_reply AS "smtpReply", lift_reason AS "liftReason", ended_at AS "endedAt", created_at AS "createdAt",
  updated_at AS "updatedAt"`;

export interface BlockRow {
  id: string;
  publicId: string;
  accountId: string;
  smtpUserId: string;
  senderAddress: string | null;
  reason: BlockReason;
  status: BlockStatus;
  spamScore: number;
  abuseScore: number;
  rateScore: number;
  combinedScore: number;
  threshold: number;
  escalationLevel: number;
  attemptCount: number;
  expiresAt: Date | null;
  smtpReply: string;
  liftReason: string | null;
  endedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface SmtpUserRow {
  id: string;
  username: string;
  externalId: string | null;
}

/** Prisma `select` giving a BlockRow plus its SMTP user. */
export const BLOCK_WITH_USER_SELECT = {
  id: true,
  publicId: true,
  accountId: true,
  smtpUserId: true,
  senderAddress: true,
  reason: true,
  status: true,
  spamScore: true,
  abuseScore: true,
  rateScore: true,
  combinedScore: true,
  threshold: true,
  escalationLevel: true,
  attemptCount: true,
  expiresAt: true,
  smtpReply: true,
  liftReason: true,
  endedAt: true,
  createdAt: true,
  updatedAt: true,
  smtpUser: { select: { id: true, username: true, externalId: true } },
} as const;

const iso = (date: Date | null) => (date ? date.toISOString() : null);

export function toBlockDto(block: BlockRow, smtpUser: SmtpUserRow): BlockDto {
  return {
    id: block.publicId,
    accountId: block.accountId,
    smtpUser: { id: smtpUser.id, username: smtpUser.username, externalId: smtpUser.externalId },
    senderAddress: block.senderAddress,
    reason: block.reason,
    status: block.status,
    scores: {
      spam: block.spamScore,
      abuse: block.abuseScore,
      rate: block.rateScore,
      combined: block.combinedScore,
      threshold: block.threshold,
    },
    escalationLevel: block.escalationLevel,
    attemptCount: block.attemptCount,
    expiresAt: iso(block.expiresAt),
    endedAt: iso(block.endedAt),
    liftReason: block.liftReason,
    smtpReply: block.smtpReply,
    createdAt: block.createdAt.toISOString(),
    updatedAt: block.updatedAt.toISOString(),
  };
}
