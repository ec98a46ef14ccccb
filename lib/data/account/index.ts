export { ownerScope, NOT_YOURS, type OwnerScope } from "./scope";
export {
  exportAccountBlocks,
  listAccountBlocks,
  listSmtpUsers,
  EXPORT_BATCH_SIZE,
  HISTORY_PAGE_SIZE,
  type HistoryPage,
  type HistoryRow,
} from "./history";
export {
  getAccountOverview,
  weekStartOf,
  OVERVIEW_WEEKS,
  RECENT_DAYS,
  ADDRESSES_SHOWN,
  SMTP_USERS_SHOWN,
  type AccountOverview,
  type SmtpUserSummary,
  type WeekCounts,
} from "./overview";
export { getOwnerReport, rotateReportLink, type OwnerReport, type RotatedLink } from "./owner-report";
export {
  listNotificationRecipients,
  notifyOwners,
  removeNotificationRecipient,
  saveNotificationRecipient,
  type NotificationRecipientView,
} from "./notifications";
