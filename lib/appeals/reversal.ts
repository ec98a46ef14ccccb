/*
 * What reversing a decision does to its block, for the data layer (reverseDecision) and the
 * console's form alike.
 */

type When = Date | string | null | undefined;
const time = (when: When) => (when === null || when === undefined ? null : new Date(when).getTime());

/**
 * Whether an approval lifted its block: the block is lifted, and it ended with that decision
 * (liftBlock and the decision share one clock reading). A block the relay lifted before the
 * approval, or one that expired, was not: reversing such an approval leaves it ended.
 */
export function approvalLiftedBlock(block: { status: string; endedAt: When }, decidedAt: When): boolean {
  const ended = time(block.endedAt);
  return block.status === "LIFTED" && ended !== null && ended === time(decidedAt);
}
