export { BounceTooLargeError, MAX_BOUNCE_BYTES, findReportLinks, type ReportLink } from "./find-report-links";
