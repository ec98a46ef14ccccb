import type { AppealStatus, BlockStatus } from "@/lib/generated/prisma/enums";

export interface EligibilityInput {
  block: { status: BlockStatus; expiresAt: Date | null };
  /** The block's most recent appeal, if any. */
  latestAppeal: { reference?: string; status: AppealStatus; decidedAt: Date | null } | null;
  now: Date;
  cooldownHours: number;
}

export type Eligibility =
  | { eligible: true }
  | { eligible: false; why: "LIFTED" | "EXPIRED" }
  | { eligible: false; why: "OPEN"; reference?: string }
  | { eligible: false; why: "COOLDOWN"; availableAt: Date };

/**
 * Whether the sender may request a review now. The database has the last word on "one
 * open appeal" (a partial unique index); this answers early and explains why not.
 * A block whose expiry has passed counts as expired even before the expiry job runs.
 */
export function checkAppealEligibility({ block, latestAppeal, now, cooldownHours }: EligibilityInput): Eligibility {
  if (block.status === "LIFTED") return { eligible: false, why: "LIFTED" };
  if (block.status === "EXPIRED" || (block.expiresAt && block.expiresAt <= now))
    return { eligible: false, why: "EXPIRED" };
  if (latestAppeal && (latestAppeal.status === "OPEN" || latestAppeal.status === "NEEDS_INFO")) {
    return {
      eligible: false,
      why: "OPEN",
      ...(latestAppeal.reference !== undefined && { reference: latestAppeal.reference }),
    };
  }
  if (latestAppeal?.status === "DENIED" && latestAppeal.decidedAt) {
    const availableAt = new Date(latestAppeal.decidedAt.getTime() + cooldownHours * 3_600_000);
    if (availableAt > now) return { eligible: false, why: "COOLDOWN", availableAt };
  }
  return { eligible: true };
}
