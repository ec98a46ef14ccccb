export { reportMessage, type ReportMessageOptions, type ReportMessageResult } from "./report-message";
export { buildEvidenceBundle, BUNDLE_FORMAT, type EvidenceBundle } from "./evidence-bundle";
export { canonicalJson, digestOf } from "./canonical-json";
