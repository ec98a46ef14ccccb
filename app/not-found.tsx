import type { Metadata } from "next";
import { LinkButton } from "@/components/ui/button";
import { PageShell } from "@/components/ui/page-shell";
import { env } from "@/lib/env";

export const metadata: Metadata = { title: "Page not found" };

/*
 * Every 404 Next renders itself (an unknown path, a staff report id that matches nothing),
 * in the site's frame and type. Report links that match nothing never get here: the
 * proxy answers them with the fixed pages of app/report-error, which carry no URL.
 */
export default function NotFound() {
  return (
    <PageShell relayName={env.RELAY_NAME} title="Block reports">
      <section
        aria-labelledby="not-found-title"
        className="space-y-3 rounded-lg border border-line bg-surface p-4 sm:p-6"
      >
        <p className="text-sm font-semibold tracking-wide text-muted uppercase">Error 404</p>
        <h1 id="not-found-title" className="text-2xl leading-tight font-semibold sm:text-3xl">
          Page not found
        </h1>
        <p>
          There is no page at this address. If you came here from a bounce message, paste that message and we will find
          your report.
        </p>
        <LinkButton href="/" variant="primary">
          Find your report
        </LinkButton>
      </section>
    </PageShell>
  );
}
