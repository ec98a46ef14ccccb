import type { EvidenceItem, EvidenceKind } from "@/lib/evidence";
import type { BlockReason } from "@/lib/generated/prisma/enums";

/* The evidence that backs the block's own reason comes first. */
const ORDER: Record<BlockReason, EvidenceKind[]> = {
  ABUSE: [
    "complaint_rate",
    "list_quality",
    "list_bombing",
    "message_samples",
    "suspicious_links",
    "header_problems",
    "spam_rules",
    "evasion",
    "send_rate",
  ],
  SPAM: [
    "spam_rules",
    "suspicious_links",
    "evasion",
    "header_problems",
    "message_samples",
    "complaint_rate",
    "list_quality",
    "list_bombing",
    "send_rate",
  ],
  RATE: [
    "send_rate",
    "complaint_rate",
    "list_quality",
    "list_bombing",
    "spam_rules",
    "suspicious_links",
    "header_problems",
    "message_samples",
    "evasion",
  ],
};

/** Evidence in reading order for a block's reason; items of one kind keep their order. */
export function orderEvidence(reason: BlockReason, evidence: EvidenceItem[]): EvidenceItem[] {
  const rank = (item: EvidenceItem) => ORDER[reason].indexOf(item.kind);
  return evidence
    .map((item, index) => ({ item, index }))
    .sort((a, b) => rank(a.item) - rank(b.item) || a.index - b.index)
    .map(({ item }) => item);
}
