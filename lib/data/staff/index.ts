export { listReviewQueue, QUEUE_LIMIT, type QueueAppeal, type QueueBlock, type QueueCase, type ReviewQueue } from "./review-queue";
export { getStaffReport, type StaffAppeal, type StaffCase, type StaffCaseMessage, type StaffReport } from "./staff-report";
export { decideAppeal, type DecideAppealOptions, type DecideAppealResult } from "./decide-appeal";
export { addCaseNote, closeCase, closeCaseFormSchema, caseNoteFormSchema, caseReplyFormSchema, CASE_TEXT_MAX, CLOSE_NOTE_MAX, replyToCase, type CaseActionResult } from "./close-case";
export { liftBlockAsStaff, staffLiftFormSchema } from "./lift-block-as-staff";
