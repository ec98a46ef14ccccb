import { DataTable } from "@/components/ui/data-table";
import { formatCount, formatUtcDateTime, type EvidenceOf } from "@/lib/evidence";
import { EvidenceText } from "../evidence-text";

type Burst = EvidenceOf<"list_bombing">["bursts"][number];

const minutes = (b: Burst) => Math.max(1, Math.round((Date.parse(b.end) - Date.parse(b.start)) / 60_000));

/** Bursts of messages to one recipient; the recipient was redacted on arrival. */
export function ListBombingEvidence({ item }: { item: EvidenceOf<"list_bombing"> }) {
  return (
    <DataTable<Burst>
      caption="Bursts of messages to a single recipient"
      captionHidden
      rows={item.bursts}
      rowKey={(_, i) => String(i)}
      columns={[
        { header: "Started (UTC)", cell: (b) => `${formatUtcDateTime(b.start)}, ${minutes(b)} min` },
        { header: "Recipient", cell: (b) => <EvidenceText value={b.recipient} className="font-mono text-xs" /> },
        { header: "Messages", align: "right", cell: (b) => formatCount(b.messages) },
        {
          header: "From sources",
          align: "right",
          cell: (b) => (b.distinctSources === undefined ? "–" : formatCount(b.distinctSources)),
        },
      ]}
    />
  );
}
