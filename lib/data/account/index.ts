export { ownerScope, NOT_YOURS, type OwnerScope } from "./scope";
export {
  exportAccountBlocks,
  listAccountBlocks,
  listSmtpUsers,
  EXPORT_CHUNK_ROWS,
  EXPORT_WINDOW_MS,
  EXPORT_WINDOW_ROWS,
  HISTORY_PAGE_SIZE,
  type ExportRow,
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
export {
  getOwnerReport,
  getOwnerReportLink,
  isOwnersBlock,
  rotateReportLink,
  type OwnerReport,
  type RotatedLink,
} from "./owner-report";
export {
  CONFIRMATION_DAYS,
  CONFIRMATION_LIMITS,
  confirmRecipient,
  findRecipientConfirmation,
  listNotificationRecipients,
  listNotificationSuppressions,
  notifyOwners,
  removeNotificationRecipient,
  resendRecipientConfirmation,
  saveNotificationRecipient,
  type NotificationRecipientView,
  type NotificationSuppressionView,
} from "./notifications";
