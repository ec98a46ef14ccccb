import type { Metadata } from "next";
import { EvidenceText } from "@/components/report/evidence-text";
import { UnsubscribeForm } from "@/components/account/notification-forms";
import { PageShell } from "@/components/ui/page-shell";
import { findUnsubscribe } from "@/lib/data/account/notifications";
import { env } from "@/lib/env";

export const metadata: Metadata = { title: "Unsubscribe" };

/**
 * The unsubscribe link in a notification's text: opening it changes nothing (mail scanners
 * open links); the button does. Opened again after unsubscribing, it offers to subscribe again.
 */
export default async function UnsubscribePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const found = await findUnsubscribe(token);
  return (
    <PageShell relayName={env.RELAY_NAME} title="Block notifications">
      <h1 className="text-2xl leading-tight font-semibold sm:text-3xl">Unsubscribe</h1>
      <section aria-label="Unsubscribe" className="space-y-3 rounded-lg border border-line bg-surface p-4 sm:p-6">
        <UnsubscribeForm
          token={token}
          found={
            found && {
              email: found.email,
              accountName: <EvidenceText value={found.accountName} />,
              unsubscribedAt: found.unsubscribedAt?.toISOString() ?? null,
            }
          }
          unusable={<p>This address is not subscribed (any more). Nothing to do.</p>}
        />
      </section>
    </PageShell>
  );
}
