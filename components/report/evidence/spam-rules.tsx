import { DataTable } from "@/components/ui/data-table";
import { formatNumber, type EvidenceOf } from "@/lib/evidence";
import { EvidenceText, EvidenceToken } from "../evidence-text";

type Hit = EvidenceOf<"spam_rules">["hits"][number];

/** Rule hits, highest score first (the order in which fixing them helps most): what each found in plain words, then the rule's name. */
export function SpamRulesEvidence({ item }: { item: EvidenceOf<"spam_rules"> }) {
  const hits = [...item.hits].sort((a, b) => b.score - a.score);
  return (
    <DataTable<Hit>
      caption="Spam rules matched, highest score first"
      captionHidden
      rows={hits}
      rowKey={(_, i) => String(i)}
      columns={[
        {
          header: "What it found",
          cell: (hit) => (
            <>
              <EvidenceText value={hit.description} />
              {hit.matched ? (
                <span className="block text-muted">
                  Matched <EvidenceToken value={hit.matched} />
                </span>
              ) : null}
              {hit.foundIn ? (
                <span className="block text-muted">
                  In the message “<EvidenceText value={hit.foundIn} />”
                </span>
              ) : null}
            </>
          ),
        },
        { header: "Rule", cell: (hit) => <EvidenceToken value={hit.rule} className="font-mono text-xs" /> },
        {
          header: "Score",
          align: "right",
          cell: (hit) => (hit.score < 0 ? `${formatNumber(hit.score)} (lowers the score)` : formatNumber(hit.score)),
        },
      ]}
    />
  );
}
