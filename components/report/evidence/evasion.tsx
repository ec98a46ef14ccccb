import { describeEvasionSignal, type EvidenceOf } from "@/lib/evidence";
import { EvidenceText } from "../evidence-text";

/** Filter-evasion techniques found, each with what exactly was seen. */
export function EvasionEvidence({ item }: { item: EvidenceOf<"evasion"> }) {
  return (
    <ul className="space-y-2">
      {item.signals.map((signal, i) => (
        <li key={i} className="rounded-md border border-line p-3 text-sm">
          <p className="font-semibold first-letter:uppercase">{describeEvasionSignal(signal.signal)}</p>
          <p className="text-muted">
            <EvidenceText value={signal.detail} />
          </p>
        </li>
      ))}
    </ul>
  );
}
