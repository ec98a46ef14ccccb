import { checkAppealEligibility } from "@/lib/appeals/eligibility";
import type { AppealEligibility } from "@/lib/reports/report-view";
import type { AppealStatus, BlockStatus } from "@/lib/generated/prisma/enums";

interface EligibilityInput {
  blockStatus: BlockStatus;
  expiresAt: string | null;
  latestAppeal: { status: AppealStatus; decidedAt: string | null } | null;
  now: Date;
  cooldownHours: number;
}

/**
 * Whether the report page offers "Request review": the rules submitting enforces
 * (lib/appeals/eligibility.ts), in the shape of the report DTO (ISO strings in and out).
 */
export function decideAppealEligibility({
  blockStatus,
  expiresAt,
  latestAppeal,
  now,
  cooldownHours,
}: EligibilityInput): AppealEligibility {
  const verdict = checkAppealEligibility({
    block: { status: blockStatus, expiresAt: expiresAt === null ? null : new Date(expiresAt) },
    latestAppeal: latestAppeal && {
      status: latestAppeal.status,
      decidedAt: latestAppeal.decidedAt === null ? null : new Date(latestAppeal.decidedAt),
    },
    now,
    cooldownHours,
  });
  if (verdict.eligible) return { allowed: true, blocker: null, availableAt: null };
  switch (verdict.why) {
    case "LIFTED":
    case "EXPIRED":
      return { allowed: false, blocker: "ended", availableAt: null };
    case "OPEN":
      return { allowed: false, blocker: "open_appeal", availableAt: null };
    case "COOLDOWN":
      return { allowed: false, blocker: "cooldown", availableAt: verdict.availableAt.toISOString() };
  }
}
