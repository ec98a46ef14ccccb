import type { Metadata } from "next";
import { QueueTable, type QueueRow } from "@/components/staff/queue-table";
import { StaffShell } from "@/components/staff/staff-shell";
import { Section } from "@/components/ui/section";
import { requireStaffPage } from "@/lib/auth/session";
import { listReviewQueue, QUEUE_LIMIT } from "@/lib/data/staff";
import { env } from "@/lib/env";

export const metadata: Metadata = { title: "Review queue" };

/** The compliance queue: review requests to decide, requests waiting for the sender, reported cases; oldest first. */
export default async function StaffQueuePage() {
  const staff = await requireStaffPage("/staff");
  const queue = await listReviewQueue({ staffId: staff.id });
  const now = new Date();
  const lists: { id: string; title: string; caption: string; sinceHeader: string; empty: string; rows: QueueRow[] }[] = [
    {
      id: "to-decide", title: "Review requests to decide", caption: "Review requests to decide, in the order they were submitted", sinceHeader: "Submitted",
      empty: "Nothing to decide. New requests appear here, oldest first.",
      rows: queue.toDecide.map((a) => ({ reference: a.reference, since: a.submittedAt, block: a.block })),
    },
    {
      id: "waiting", title: "Waiting for the sender's answer", caption: "Review requests waiting for the sender's answer", sinceHeader: "Asked",
      empty: "No open questions to senders.",
      rows: queue.waitingForSender.map((a) => ({ reference: a.reference, since: a.since, block: a.block })),
    },
    {
      id: "cases", title: "Reported cases", caption: "Open cases reported by senders, oldest first", sinceHeader: "Opened",
      empty: "No open cases.",
      rows: queue.cases.map((c) => ({ reference: c.reference, since: c.openedAt, detail: String(c.messages), block: c.block })),
    },
  ];
  return (
    <StaffShell relayName={env.RELAY_NAME} staffName={staff.name}>
      <div className="space-y-1">
        <h1 className="text-2xl font-semibold leading-tight sm:text-3xl">Review queue</h1>
        <p className="text-muted">
          {queue.toDecide.length} to decide · {queue.waitingForSender.length} waiting for the sender · {queue.cases.length} reported cases
        </p>
      </div>
      {lists.map((list) => (
        <Section key={list.id} id={list.id} title={`${list.title}${list.rows.length >= QUEUE_LIMIT ? ` (the oldest ${QUEUE_LIMIT} shown)` : ""}`}>
          <QueueTable caption={list.caption} rows={list.rows} sinceHeader={list.sinceHeader} now={now} empty={list.empty} />
        </Section>
      ))}
    </StaffShell>
  );
}
