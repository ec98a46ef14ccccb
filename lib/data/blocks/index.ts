export { createOrExtendBlock, type CreateBlockOptions, type CreateBlockResult } from "./create-or-extend-block";
export {
  recordAttempts,
  recordAttemptsBatch,
  type AttemptCount,
  type AttemptOutcome,
  type RecordAttemptsOptions,
  type RecordAttemptsResult,
} from "./record-attempts";
export { liftBlock, LIFT_REASON_MAX, LIFT_REASON_MIN, type LiftBlockOptions } from "./lift-block";
export { reinstateBlock, type ReinstateBlockOptions } from "./reinstate-block";
export { listActiveBlocks, type ActiveBlock, type ActiveBlockQuery } from "./list-active-blocks";
export { expireDueBlocks } from "./expire-due-blocks";
export {
  currentReportLink,
  rotateReportLink,
  type CurrentReportLink,
  type LinkUnavailable,
  type RotateReportLinkOptions,
} from "./report-links";
export type { BlockActor } from "./actor";
export type { BlockDto } from "./block-dto";
export { ATTEMPTS_PER_LEVEL, MAX_LEVEL, applyAttempts, extensionForLevel, levelForAttempts } from "./escalation-policy";
export { MAX_EXPIRY_MS } from "./validate-expiry";
