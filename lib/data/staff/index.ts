export { listReviewQueue, QUEUE_LIMIT, type QueueAppeal, type QueueBlock, type QueueCase, type ReviewQueue } from "./review-queue";
export { getStaffReport, type StaffAppeal, type StaffCase, type StaffReport } from "./staff-report";
export { decideAppeal, type DecideAppealOptions, type DecideAppealResult } from "./decide-appeal";
