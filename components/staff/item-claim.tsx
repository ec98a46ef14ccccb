import { claimAction } from "@/lib/actions/staff";
import type { ClaimView } from "@/lib/data/staff";
import { formatWhen } from "@/lib/reports/relative-time";
import { ClaimPanel } from "./claim-panel";

interface ItemClaimProps {
  reference: string;
  claim: ClaimView | null;
  viewer: { id: string; role: "STAFF" | "ADMIN" };
  /** For admins: whom they may reassign to. */
  assignees?: { id: string; name: string; email: string }[];
  now: Date;
}

/** The claim on one request or case, in words, with what the viewer may do about it. */
export function ItemClaim({ reference, claim, viewer, assignees, now }: ItemClaimProps) {
  const mine = claim?.holderId === viewer.id;
  const status = !claim
    ? "Nobody has claimed this yet. Claim it so the team knows you are on it."
    : `${mine ? "You have" : `${claim.holderName} has`} claimed this since ${formatWhen(claim.claimedAt, now)}; last active ${formatWhen(claim.activeAt, now)}. Lapses ${formatWhen(claim.lapsesAt, now)} unless ${mine ? "you open or act on it" : "they open or act on it"}.`;
  return (
    <ClaimPanel
      action={claimAction}
      reference={reference}
      status={status}
      canClaim={!claim}
      canRelease={Boolean(claim && (mine || viewer.role === "ADMIN"))}
      assignees={viewer.role === "ADMIN" ? assignees : undefined}
      holderId={claim?.holderId}
    />
  );
}
