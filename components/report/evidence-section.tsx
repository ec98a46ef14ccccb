import { Section, SubSection } from "@/components/ui/section";
import { describeEvidenceKind, formatWindow, type EvidenceItem, type EvidenceKind } from "@/lib/evidence";
import { ComplaintRateEvidence } from "./evidence/complaint-rate";
import { EvasionEvidence } from "./evidence/evasion";
import { HeaderProblemsEvidence } from "./evidence/header-problems";
import { ListBombingEvidence } from "./evidence/list-bombing";
import { ListQualityEvidence } from "./evidence/list-quality";
import { MessageSamplesEvidence } from "./evidence/message-samples";
import { SendRateEvidence } from "./evidence/send-rate";
import { SpamRulesEvidence } from "./evidence/spam-rules";
import { SuspiciousLinksEvidence } from "./evidence/suspicious-links";

function EvidenceBody({ item }: { item: EvidenceItem }) {
  switch (item.kind) {
    case "spam_rules":
      return <SpamRulesEvidence item={item} />;
    case "suspicious_links":
      return <SuspiciousLinksEvidence item={item} />;
    case "header_problems":
      return <HeaderProblemsEvidence item={item} />;
    case "message_samples":
      return <MessageSamplesEvidence item={item} />;
    case "complaint_rate":
      return <ComplaintRateEvidence item={item} />;
    case "list_quality":
      return <ListQualityEvidence item={item} />;
    case "list_bombing":
      return <ListBombingEvidence item={item} />;
    case "evasion":
      return <EvasionEvidence item={item} />;
    case "send_rate":
      return <SendRateEvidence item={item} />;
  }
}

/** Anchor of an evidence block; remediation steps link to the first one of their kind. */
export const evidenceAnchor = (kind: EvidenceKind, occurrence = 1) =>
  `evidence-${kind}${occurrence > 1 ? `-${occurrence}` : ""}`;

/** Every evidence item with its own view, the window it was observed in, and how to read it. */
export function EvidenceSection({ evidence }: { evidence: EvidenceItem[] }) {
  const seen = new Map<EvidenceKind, number>();
  const windows = new Set(evidence.map((item) => `${item.window.from}/${item.window.to}`));
  return (
    <Section
      id="evidence"
      title="Evidence"
      description={
        <>
          What we observed, and when. Text from the messages is shown as plain text: links are defanged (hxxps, [.]) and
          cannot be opened from this page.
          {windows.size > 1
            ? " The items cover different windows (shown beside each): every signal is measured over the period it needs, complaint rates over hours of delivered mail, rule hits and samples over the messages that were scored, and later detections add items of their own."
            : null}
        </>
      }
    >
      {evidence.length === 0 ? (
        <p className="text-sm text-muted">No detailed evidence was recorded for this block.</p>
      ) : null}
      {evidence.map((item, index) => {
        const occurrence = (seen.get(item.kind) ?? 0) + 1;
        seen.set(item.kind, occurrence);
        const { title, howToRead } = describeEvidenceKind(item.kind);
        return (
          <SubSection
            key={index}
            id={evidenceAnchor(item.kind, occurrence)}
            title={title}
            meta={formatWindow(item.window)}
          >
            <EvidenceBody item={item} />
            <p className="text-sm text-muted">
              <span className="font-semibold">How to read this: </span>
              {howToRead}
            </p>
          </SubSection>
        );
      })}
    </Section>
  );
}
