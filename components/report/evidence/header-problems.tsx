import { formatCount, type EvidenceOf } from "@/lib/evidence";
import { EvidenceBlock, EvidenceText } from "../evidence-text";

const PROBLEMS = {
  missing: "Missing",
  invalid: "Invalid",
  mismatch: "Does not match",
  oversized: "Oversized",
  forged: "Forged",
} as const;

/** Each header problem with how widespread it was, and the offending header when kept. */
export function HeaderProblemsEvidence({ item }: { item: EvidenceOf<"header_problems"> }) {
  return (
    <ul className="space-y-3">
      {item.problems.map((problem, i) => (
        <li key={i} className="space-y-2 rounded-md border border-line p-3">
          <p className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
            <EvidenceText value={problem.header} className="font-mono text-sm font-semibold" />
            <span className="text-sm font-semibold">{PROBLEMS[problem.problem]}</span>
            <span className="text-sm text-muted">
              in {formatCount(problem.seenIn)} of {formatCount(problem.ofSamples)} sampled messages
            </span>
          </p>
          <p className="text-sm">
            <EvidenceText value={problem.detail} />
          </p>
          {problem.sample !== undefined ? (
            <details className="text-sm print:hidden">
              <summary className="cursor-pointer font-medium text-accent">Show the header as received</summary>
              <div className="mt-2">
                <EvidenceBlock value={problem.sample} />
              </div>
            </details>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
