export {
  listReviewQueue,
  QUEUE_LIMIT,
  type QueueAppeal,
  type QueueBlock,
  type QueueCase,
  type QueueItem,
  type ReviewQueue,
} from "./review-queue";
export {
  getStaffReport,
  staffReportExists,
  type StaffAppeal,
  type StaffCase,
  type StaffCaseMessage,
  type StaffReport,
} from "./staff-report";
export {
  deleteDecisionTemplate,
  decisionTemplateFormSchema,
  listDecisionTemplates,
  saveDecisionTemplate,
  type DecisionTemplate,
} from "./decision-templates";
export { reverseDecision, reverseDecisionFormSchema, type ReverseDecisionResult } from "./reverse-decision";
export { decideAppeal, type DecideAppealOptions, type DecideAppealResult } from "./decide-appeal";
export {
  addCaseNote,
  closeCase,
  closeCaseFormSchema,
  caseNoteFormSchema,
  caseReplyFormSchema,
  CASE_TEXT_MAX,
  CLOSE_NOTE_MAX,
  replyToCase,
  type CaseActionResult,
} from "./close-case";
export { liftBlockAsStaff, staffLiftFormSchema } from "./lift-block-as-staff";
export {
  getStaffMetrics,
  METRICS_DAYS,
  type DailyCount,
  type OldestOpenItem,
  type ReviewerDecisions,
  type StaffMetrics,
} from "./metrics";
export {
  assertClaimAllows,
  claimCutoff,
  claimItem,
  claimsOnReport,
  liveClaim,
  listAssignableStaff,
  reassignItem,
  releaseItem,
  touchClaims,
  type ClaimView,
} from "./claims";
export { recordSignIn, recordStaffAudit, type SignInOutcome, type StaffAuditEntry } from "./audit-log";
export { auditEntryBatches, listAuditEntries, AUDIT_PAGE_SIZE, type AuditEntry } from "./audit";
export {
  getSenderHistory,
  HISTORY_LIMIT,
  type HistoryBlock,
  type HistoryMatch,
  type ReportViewer,
  type SenderHistory,
} from "./sender-history";
