import { DataTable } from "@/components/ui/data-table";
import { formatNumber, type EvidenceOf } from "@/lib/evidence";
import { EvidenceText } from "../evidence-text";

type Hit = EvidenceOf<"spam_rules">["hits"][number];

/** Rule hits, highest score first: the order in which fixing them helps most. */
export function SpamRulesEvidence({ item }: { item: EvidenceOf<"spam_rules"> }) {
  const hits = [...item.hits].sort((a, b) => b.score - a.score);
  return (
    <DataTable<Hit>
      caption="Spam rules matched, highest score first"
      captionHidden
      rows={hits}
      rowKey={(_, i) => String(i)}
      columns={[
        { header: "Rule", cell: (hit) => <EvidenceText value={hit.rule} className="font-mono text-xs" /> },
        {
          header: "Score",
          align: "right",
          cell: (hit) => (hit.score < 0 ? `${formatNumber(hit.score)} (in your favour)` : formatNumber(hit.score)),
        },
        { header: "What it means", cell: (hit) => <EvidenceText value={hit.description} /> },
      ]}
    />
  );
}
