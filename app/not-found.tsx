import type { Metadata } from "next";
import { LinkButton } from "@/components/ui/button";
import { PageShell } from "@/components/ui/page-shell";
import { getSessionUser, isOwner, isStaff } from "@/lib/auth/session";
import { env } from "@/lib/env";

export const metadata: Metadata = { title: "Page not found" };

/*
 * Every 404 Next renders itself (an unknown path, a staff report id that matches nothing,
 * the owner portal for a staff login), in the site's frame and type. Report links that
 * match nothing never get here: the proxy answers them with the fixed pages of
 * app/report-error, which carry no URL. A signed-in visitor also gets the way back to
 * their own pages (the console, or their portal): it tells them only what their session
 * already is, and says nothing about the address they asked for.
 */
export default async function NotFound() {
  const user = await getSessionUser();
  const home = isStaff(user)
    ? { href: "/staff", label: "Go to the console" }
    : isOwner(user)
      ? { href: "/account", label: "Go to your portal" }
      : null;
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
