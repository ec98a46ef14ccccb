import { ANCHORS } from "@/components/sender-actions/anchors";
import { reviewOffered } from "@/components/sender-actions/sender-actions";
import { Section } from "@/components/ui/section";
import type { ReportView } from "@/lib/reports/report-view";
import { describeEvidenceKind, type Remediation, type RemediationStep } from "@/lib/evidence";
import { evidenceAnchor } from "./evidence-section";

/*
 * adviseRemediation always puts "stop sending" first and "request a review" last. An
 * ended block needs neither; a block whose review is already requested needs no second
 * request.
 */
function stepsFor(report: ReportView, steps: RemediationStep[]): RemediationStep[] {
  if (report.endedAt !== null) return steps.slice(1, -1);
  if (report.canAppeal.blocker === "open_appeal") return steps.slice(0, -1);
  return steps;
}

/** The steps derived from the evidence actually present, most important first. */
export function RemediationSection({
  report,
  remediation,
  now,
}: {
  report: ReportView;
  remediation: Remediation;
  now: Date;
}) {
  const steps = stepsFor(report, remediation.steps);
  const formOffered = reviewOffered(report, now);
  const ended = report.endedAt !== null;
  return (
    <Section
      id="what-to-do"
      title={ended ? "Before you send again" : "What to do now"}
      description={
        ended ? "The block has ended. These fixes keep the same problem from causing the next one." : undefined
      }
    >
      {/* overflow-wrap is inherited: set once for every step. */}
      <ol className="space-y-4 [overflow-wrap:anywhere]">
        {steps.map((step, index) => (
          <li key={index} className="flex gap-3">
            <span
              aria-hidden="true"
              className={`step-number ${index === 0 && !ended ? "bg-danger text-surface" : "bg-neutral-bg text-ink"}`}
            >
              {index + 1}
            </span>
            <div className="min-w-0 space-y-1">
              <p className="font-semibold">{step.title}</p>
              <p className="text-sm text-muted">{step.detail}</p>
              {step.items?.length ? (
                <ul className="list-disc space-y-1 pl-5 text-sm">
                  {step.items.map((line) => (
                    <li key={line}>{line}</li>
                  ))}
                </ul>
              ) : null}
              {step.action === "request_review" && formOffered ? (
                <p className="text-sm">
                  <a className="link" href={`#${ANCHORS.reviewForm}`}>
                    Open the review form
                  </a>
                </p>
              ) : null}
              {step.evidenceKind ? (
                <p className="text-sm">
                  <a className="link" href={`#${evidenceAnchor(step.evidenceKind)}`}>
                    See the evidence: {describeEvidenceKind(step.evidenceKind).title}
                  </a>
                </p>
              ) : null}
            </div>
          </li>
        ))}
      </ol>
    </Section>
  );
}
