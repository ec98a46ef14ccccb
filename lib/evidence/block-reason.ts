/** Why a block was made; the evidence, its advice and its summary are read per reason. */
export type BlockReason = "SPAM" | "ABUSE" | "RATE";
