import type { Metadata } from "next";
import { AccountShell } from "@/components/account/account-shell";
import { RecipientForm, RecipientRow } from "@/components/account/notification-forms";
import { Section } from "@/components/ui/section";
import { requireOwnerPage } from "@/lib/auth/session";
import { listNotificationRecipients, listNotificationSuppressions, ownerScope } from "@/lib/data/account";
import { formatUtcDate } from "@/lib/evidence/format";
import { env } from "@/lib/env";

export const metadata: Metadata = { title: "Notifications" };

/** Who hears about the account's blocks, and of which events; each mail has a one-click unsubscribe. */
export default async function NotificationsPage() {
  const owner = await requireOwnerPage("/account/notifications");
  const [{ accountName }, recipients, suppressions] = await Promise.all([
    ownerScope(owner.id),
    listNotificationRecipients({ ownerId: owner.id }),
    listNotificationSuppressions({ ownerId: owner.id }),
  ]);
  return (
    <AccountShell
      relayName={env.RELAY_NAME}
      accountName={accountName}
      ownerName={owner.name}
      current="/account/notifications"
    >
      <div className="space-y-1">
        <h1 className="text-2xl leading-tight font-semibold sm:text-3xl">Notifications</h1>
        <p className="text-muted">
          Mail these addresses when something happens to a block of your account. A new address first gets one mail with
          a link to confirm it wants these notifications, and nothing else until someone there confirms. Every mail can
          be unsubscribed from in one click.
        </p>
      </div>
      <Section id="recipients" title="Addresses notified">
        {recipients.length ? (
          <ul className="space-y-3">
            {recipients.map((r) => (
              <RecipientRow
                key={r.id}
                id={r.id}
                email={r.email}
                events={r.events}
                confirmedAt={r.confirmedAt?.toISOString() ?? null}
                confirmationSentAt={r.confirmationSentAt?.toISOString() ?? null}
                confirmationExpiresAt={r.confirmationExpiresAt?.toISOString() ?? null}
              />
            ))}
          </ul>
        ) : (
          <p className="text-sm text-muted">
            Nobody is notified yet: add an address below to get mail when a block is created or escalated, a review is
            decided, or a block ends.
          </p>
        )}
      </Section>
      {suppressions.length ? (
        <Section
          id="unsubscribed"
          title="Unsubscribed"
          description="These addresses unsubscribed themselves: we mail them nothing, and they cannot be added again. Only someone there can subscribe again, from the link in the last notification they received."
        >
          <ul className="space-y-1 text-sm">
            {suppressions.map((s) => (
              <li key={s.email} className="[overflow-wrap:anywhere]">
                Unsubscribed: <span className="font-mono">{s.email}</span> on {formatUtcDate(s.unsubscribedAt)}
              </li>
            ))}
          </ul>
        </Section>
      ) : null}
      <Section id="add" title="Add an address">
        <RecipientForm />
      </Section>
    </AccountShell>
  );
}
