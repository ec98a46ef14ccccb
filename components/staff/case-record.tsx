import { EvidenceText } from "@/components/report/evidence-text";
import type { StaffCase } from "@/lib/data/staff";
import { formatWhen } from "@/lib/reports/relative-time";
import { Quote } from "./quote";

/** A "Report message" case: the frozen evidence's digest, the sender's messages, replies, and internal notes (marked). */
export function CaseRecord({ record, now }: { record: StaffCase; now: Date }) {
  return (
    <article
      aria-labelledby={`case-${record.reference}`}
      className="space-y-2 rounded-md border border-line p-4 text-sm"
    >
      <h3 id={`case-${record.reference}`} className="font-mono text-base font-semibold">
        {record.reference}{" "}
        <span className="font-sans text-sm font-normal text-muted">
          ({record.status === "OPEN" ? "open" : "closed"})
        </span>
      </h3>
      <p className="text-muted">Opened {formatWhen(record.openedAt, now)}</p>
      <p className="font-mono text-xs [overflow-wrap:anywhere]">Evidence bundle SHA-256 {record.bundleDigest}</p>
      <ol className="space-y-2">
        {record.messages.map((m, index) => (
          <li
            key={index}
            className={`space-y-1 ${m.internal ? "rounded-md border border-dashed border-line bg-sunken p-2" : ""}`}
          >
            {m.author === "SENDER" ? (
              <p className="font-semibold">
                Sender ·{" "}
                <span className="font-normal text-muted">
                  {formatWhen(m.at, now)} · contact (unverified){" "}
                  {m.contactEmail ? <EvidenceText value={m.contactEmail} /> : "none given"}
                </span>
              </p>
            ) : (
              <p className="font-semibold">
                {m.internal ? "Internal note, not shown to the sender" : "Reply to the sender"} ·{" "}
                <span className="font-normal text-muted">
                  {m.by ?? "a former staff member"} · {formatWhen(m.at, now)}
                </span>
              </p>
            )}
            {m.note ? <Quote text={m.note} /> : <p className="text-muted">No note.</p>}
          </li>
        ))}
      </ol>
      {record.closedAt ? (
        <div className="space-y-1">
          <p className="font-semibold">
            Closed · <span className="font-normal text-muted">{formatWhen(record.closedAt, now)}</span>
          </p>
          {record.closingNote ? <p className="text-muted">Internal closing note, not shown to the sender:</p> : null}
          {record.closingNote ? <Quote text={record.closingNote} /> : null}
        </div>
      ) : null}
    </article>
  );
}
