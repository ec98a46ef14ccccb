import type { AppealStatus, BlockStatus } from "@/lib/generated/prisma/enums";
import type { AppealEligibility } from "@/lib/data/reports/report-view";

const HOUR = 3_600_000;

interface EligibilityInput {
  blockStatus: BlockStatus;
  expiresAt: string | null;
  latestAppeal: { status: AppealStatus; decidedAt: string | null } | null;
  now: Date;
  cooldownHours: number;
}

/**
 * Whether a sender may request a review now (the same rules as lib/appeals, which
 * enforces them on submit). An ended block needs none; a block has at
 * most one open request (the database enforces it too); after a denial the sender waits
 * `cooldownHours` so a request is not simply repeated until someone says yes.
 */
export function decideAppealEligibility({ blockStatus, expiresAt, latestAppeal, now, cooldownHours }: EligibilityInput): AppealEligibility {
  // A block past its expiry is over even before the expiry job has marked it.
  const ended = blockStatus === "LIFTED" || blockStatus === "EXPIRED" || (expiresAt !== null && Date.parse(expiresAt) <= now.getTime());
  if (ended) return { allowed: false, blocker: "ended", availableAt: null };
  if (latestAppeal?.status === "OPEN" || latestAppeal?.status === "NEEDS_INFO") {
    return { allowed: false, blocker: "open_appeal", availableAt: null };
  }
  if (latestAppeal?.status === "DENIED" && latestAppeal.decidedAt) {
    const availableAt = new Date(Date.parse(latestAppeal.decidedAt) + cooldownHours * HOUR);
    if (availableAt > now) return { allowed: false, blocker: "cooldown", availableAt: availableAt.toISOString() };
  }
  return { allowed: true, blocker: null, availableAt: null };
}
