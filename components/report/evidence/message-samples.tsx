import { formatCount, formatNumber, formatUtcDateTime, type EvidenceOf } from "@/lib/evidence";
import { EvidenceText } from "../evidence-text";

/** Sampled messages as they were sent; recipient addresses were redacted on arrival. */
export function MessageSamplesEvidence({ item }: { item: EvidenceOf<"message_samples"> }) {
  const samples = [...item.samples].sort((a, b) => Date.parse(a.sentAt) - Date.parse(b.sentAt));
  return (
    <ol className="space-y-3">
      {samples.map((sample, i) => (
        <li key={i} className="rounded-md border border-line p-3">
          <p className="fact-label">Subject</p>
          <p className="font-medium">
            <EvidenceText value={sample.subject} />
          </p>
          <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm [&>dt]:text-muted">
            <dt>From</dt>
            <dd>
              <EvidenceText value={sample.from} />
            </dd>
            <dt>Sent</dt>
            <dd>{formatUtcDateTime(sample.sentAt)}</dd>
            <dt>Spam score</dt>
            <dd className="tabular-nums">{formatNumber(sample.score)}</dd>
            <dt>Recipients</dt>
            <dd>
              {formatCount(sample.recipientCount)}
              {sample.recipients?.length ? (
                <span className="text-muted">
                  {" "}
                  (for example{" "}
                  <EvidenceText value={sample.recipients.slice(0, 3).join(", ")} className="font-mono text-xs" />)
                </span>
              ) : null}
            </dd>
          </dl>
        </li>
      ))}
    </ol>
  );
}
