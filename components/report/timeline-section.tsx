import { Section } from "@/components/ui/section";
import type { ReportEvent } from "@/lib/reports/report-view";
import { describeActor, describeEvent } from "@/lib/reports/describe-event";
import { When } from "./when";

/**
 * The block's events, oldest first, each with who caused it. `reference`: the one the sender
 * quotes, named for every request and case on the sender's page (staff see each one's own).
 */
export function TimelineSection({
  events,
  now,
  reference,
}: {
  events: ReportEvent[];
  now: Date;
  reference?: string | null;
}) {
  return (
    <Section id="timeline" title="Timeline">
      {events.length === 0 ? <p className="text-sm text-muted">No events recorded yet.</p> : null}
      <ol className="space-y-4 border-l-2 border-line pl-5">
        {events.map((event, index) => (
          <li key={index} className="relative">
            <span
              aria-hidden="true"
              className="absolute top-1.5 -left-[1.72rem] size-3 rounded-full border-2 border-surface bg-muted"
            />
            <p className="font-medium">{describeEvent(event, reference)}</p>
            {event.details.reason && event.type === "LIFTED" ? <p className="text-sm">{event.details.reason}</p> : null}
            <p className="text-sm text-muted">
              <When iso={event.at} now={now} /> · {describeActor(event.actor)}
            </p>
          </li>
        ))}
      </ol>
    </Section>
  );
}
