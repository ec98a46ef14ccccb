import type { Metadata } from "next";
import { EvidenceText } from "@/components/report/evidence-text";
import { ConfirmRecipientForm } from "@/components/account/notification-forms";
import { Alert } from "@/components/ui/alert";
import { PageShell } from "@/components/ui/page-shell";
import { LINK_UNUSABLE_CONFIRMATION } from "@/lib/account/notification-events";
import { findRecipientConfirmation } from "@/lib/data/account/notifications";
import { env } from "@/lib/env";

export const metadata: Metadata = { title: "Confirm notifications" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/**
 * The link in a notification address's confirmation mail. Opening it changes nothing (mail
 * scanners open every link); the Confirm button posts. The link is the only authority: no
 * session is needed, and it confirms only the address it was mailed to.
 */
export default async function ConfirmNotificationsPage({ searchParams }: { searchParams: SearchParams }) {
  const raw = (await searchParams).token;
  const token = typeof raw === "string" ? raw : "";
  const found = await findRecipientConfirmation(token);
  return (
    <PageShell relayName={env.RELAY_NAME} title="Block notifications">
      <h1 className="text-2xl leading-tight font-semibold sm:text-3xl">Confirm block notifications</h1>
      <section
        aria-label="Confirm block notifications"
        className="space-y-3 rounded-lg border border-line bg-surface p-4 sm:p-6"
      >
        <ConfirmRecipientForm
          token={token}
          found={found && { email: found.email, accountName: <EvidenceText value={found.accountName} /> }}
          unusable={
            <Alert tone="warning" title="This link does not work">
              <p>{LINK_UNUSABLE_CONFIRMATION}</p>
            </Alert>
          }
        />
      </section>
    </PageShell>
  );
}
