import { LinkButton } from "@/components/ui/button";
import { PageShell } from "@/components/ui/page-shell";

/**
 * The 404 page's body. `home` is the way back to the signed-in visitor's own pages (the
 * console, their portal): it tells them only what their session already is, and nothing
 * about the address they asked for.
 */
export function NotFoundPage({
  relayName,
  home,
}: {
  relayName: string;
  home?: { href: string; label: string } | null;
}) {
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
          {home ? (
            <LinkButton href={home.href} variant="primary">
              {home.label}
            </LinkButton>
          ) : null}
          <LinkButton href="/" variant={home ? "secondary" : "primary"}>
            Find your report
          </LinkButton>
        </div>
      </section>
    </PageShell>
  );
}
