import { PageShell } from "@/components/ui/page-shell";
import { FindReportForm } from "./find-report-form";

const WHERE_TO_LOOK = [
  {
    title: "In your inbox",
    text: "Look for a message such as “Undelivered Mail Returned to Sender” or “Delivery Status Notification (Failure)”.",
  },
  {
    title: "In your mail server’s log",
    text: "The relay’s reply starts with “550 5.7.1” and ends with a link after “See:”.",
  },
  {
    title: "From your application",
    text: "Sending libraries report the same reply as an error when the relay refuses a message.",
  },
];

/** "Find your report": a short explanation and the paste box. */
export function FindReportPage({ relayName }: { relayName: string }) {
  return (
    <PageShell relayName={relayName} title="Block reports">
      <div className="space-y-2">
        <h1 className="text-2xl leading-tight font-semibold sm:text-3xl">Find your report</h1>
        <p className="text-muted">
          When {relayName} blocks a sender for spam, abuse or sending too fast, the rejection it sends back contains a
          link to a report: what was blocked, why, the evidence, and how to get sending again. Paste that rejection here
          and we will open the report for you.
        </p>
      </div>
      <section aria-label="Paste your bounce" className="rounded-lg border border-line bg-surface p-4 sm:p-6">
        <FindReportForm />
        <p className="mt-4 text-sm text-muted">
          We only search the text for the report link. It is not stored, logged or sent anywhere.
        </p>
      </section>
      <section aria-labelledby="where-heading" className="space-y-3">
        <h2 id="where-heading" className="text-sm font-semibold tracking-wide text-muted uppercase">
          Where to find the bounce
        </h2>
        <ul className="grid gap-3 sm:grid-cols-3">
          {WHERE_TO_LOOK.map((place) => (
            <li key={place.title} className="rounded-lg border border-line bg-surface p-4 text-sm">
              <p className="font-semibold">{place.title}</p>
              <p className="text-muted">{place.text}</p>
            </li>
          ))}
        </ul>
      </section>
    </PageShell>
  );
}
