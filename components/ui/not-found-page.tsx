import { LinkButton } from "@/components/ui/button";
import { PageShell } from "@/components/ui/page-shell";

/**
 * The site's 404 page: for senders, who come with a bounce (the owner portal and the
 * console have their own, components/auth/area-not-found.tsx).
 */
export function NotFoundPage({ relayName }: { relayName: string }) {
  return (
    <PageShell relayName={relayName} title="Block reports">
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
        <div className="flex flex-wrap gap-3">
          <LinkButton href="/" variant="primary">
            Find your report
          </LinkButton>
        </div>
      </section>
    </PageShell>
  );
}
