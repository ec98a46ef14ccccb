export { submitAppeal, ALREADY_REQUESTED, type SubmitAppealOptions } from "./submit-appeal";
export { replyToInfoRequest, type ReplyToInfoRequestOptions } from "./reply-to-info-request";
export {
  actorOf,
  findBlockByLink,
  isOwnerAccess,
  LINK_NOT_FOUND,
  type OwnerAccess,
  type ReportAccess,
  type SenderLink,
} from "./sender-link";
export { enforceSenderLimits, SENDER_LIMITS } from "./sender-limits";
export { reviewTimeStats, type ReviewTimeStats } from "./review-time-stats";
