import { randomBytes } from "node:crypto";
import { getDb } from "@/lib/db/client";
import type { BlockReason, BlockStatus } from "@/lib/generated/prisma/client";
import { digestSecret, sealSecret } from "@/lib/report-link";
import { reportLinkKey } from "@/lib/report-link/link-key";

/** Rows for integration tests: every call makes a fresh account, so tests never collide. */
export async function createAccount(name = `Test account ${randomBytes(3).toString("hex")}`) {
  return getDb().account.create({ data: { name, planName: "Standard", limitPerMinute: 600 } });
}

export async function createSmtpUser(accountId: string, username = `user-${randomBytes(3).toString("hex")}`) {
  return getDb().smtpUser.create({ data: { accountId, username } });
}

export interface TestBlockOptions {
  accountId: string;
  smtpUserId: string;
  reason?: BlockReason;
  status?: BlockStatus;
  senderAddress?: string | null;
}

/** A block with a known secret, returned alongside it (the database keeps only its digest). */
export async function createBlock(options: TestBlockOptions) {
  const secret = randomBytes(32).toString("base64url");
  const status = options.status ?? "ACTIVE";
  const publicId = randomBytes(10).toString("hex");
  const block = await getDb().block.create({
    data: {
      publicId,
      secretDigest: digestSecret(secret),
      secretSealed: sealSecret(reportLinkKey(), publicId, secret),
      accountId: options.accountId,
      smtpUserId: options.smtpUserId,
      senderAddress: options.senderAddress ?? null,
      reason: options.reason ?? "ABUSE",
      spamScore: 31,
      abuseScore: 78,
      rateScore: 12,
      combinedScore: 84,
      threshold: 70,
      status,
      endedAt: status === "LIFTED" || status === "EXPIRED" ? new Date() : null,
      smtpReply: "550 5.7.1 [ABUSE] Sender blocked: spam or abuse detected.",
    },
  });
  return { block, secret };
}
