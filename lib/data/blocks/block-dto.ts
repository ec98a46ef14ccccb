import { z } from "zod";
import { BlockReason, BlockStatus } from "@/lib/generated/prisma/enums";

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

/** A row of `SELECT ${BLOCK_COLUMNS}`, checked (queryRows). */
export const blockRowSchema = z.object({
  id: z.string(),
  publicId: z.string(),
  accountId: z.string(),
  smtpUserId: z.string(),
  senderAddress: z.string().nullable(),
  reason: z.enum(BlockReason),
  status: z.enum(BlockStatus),
  spamScore: z.number(),
  abuseScore: z.number(),
  rateScore: z.number(),
  combinedScore: z.number(),
  threshold: z.number(),
  escalationLevel: z.number().int(),
  attemptCount: z.number().int(),
  expiresAt: z.date().nullable(),
  smtpReply: z.string(),
  liftReason: z.string().nullable(),
  endedAt: z.date().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
});

export type BlockRow = z.output<typeof blockRowSchema>;

/** A row of `SELECT id, username, external_id AS "externalId" FROM smtp_user`, checked. */
export const smtpUserRowSchema = z.object({ id: z.string(), username: z.string(), externalId: z.string().nullable() });

export type SmtpUserRow = z.output<typeof smtpUserRowSchema>;

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

/** A block read through BLOCK_WITH_USER_SELECT, as its DTO. */
export const blockWithUserToDto = (block: BlockRow & { smtpUser: SmtpUserRow }) => toBlockDto(block, block.smtpUser);

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
