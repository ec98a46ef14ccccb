export {
  evidenceItemSchema,
  evidenceListSchema,
  evidenceWindowSchema,
  evidenceKinds,
  linkReasons,
  headerProblemKinds,
  evasionSignals,
  MAX_EVIDENCE_ITEMS,
  parseEvidence,
  parseEvidenceItem,
  type EvidenceItem,
  type EvidenceKind,
  type EvidenceOf,
  type EvidenceWindow,
  type LinkReason,
  type HeaderProblemKind,
  type EvasionSignal,
} from "./schema";
export { redactEmail, redactEmailsIn, redactRecipientField, redactHeaderSample, redactRecipients } from "./redact";
export { defangUrl, defangText, asciiHostOf, defangedHostOf, neutraliseBidi, toDisplayText } from "./defang";
export {
  adviseRemediation,
  summariseReason,
  type BlockReason,
  type Remediation,
  type RemediationStep,
} from "./advice";
export {
  describeEvidenceKind,
  describeLinkReason,
  describeEvasionSignal,
  formatWindow,
  type EvidenceKindDescription,
} from "./describe";
export {
  formatCount,
  formatNumber,
  formatPercent,
  formatPerMinute,
  formatUtcDateTime,
} from "./format";
