export {
  evidenceItemSchema,
  evidenceListSchema,
  evidenceWindowSchema,
  evidenceKinds,
  linkReasons,
  headerProblemKinds,
  evasionSignals,
  MAX_EVIDENCE_ITEMS,
  type EvidenceItem,
  type EvidenceKind,
  type EvidenceOf,
  type EvidenceWindow,
  type LinkReason,
  type HeaderProblemKind,
  type EvasionSignal,
} from "./schema";
export { redactEmail, redactEmailsIn, redactRecipientField, redactHeaderSample, redactRecipients } from "./redact";
export { defangUrl, defangText, asciiHostOf, defangedHostOf, showInvisibles, toDisplayText } from "./defang";
export { parseEvidence, parseEvidenceItem } from "./ingest";
export type { BlockReason } from "./block-reason";
export { adviseRemediation, type Remediation, type RemediationStep } from "./advice";
export { summariseReason } from "./summary";
export {
  describeEvidenceKind,
  describeLinkReason,
  describeEvasionSignal,
  formatWindow,
  type EvidenceKindDescription,
} from "./describe";
export {
  firstCharacters,
  formatCount,
  formatNumber,
  formatPercent,
  formatPerMinute,
  formatUtcDateTime,
} from "./format";
