import type { Metadata } from "next";
import { QueueTable } from "@/components/staff/queue-table";
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
  const more = (count: number) => (count >= QUEUE_LIMIT ? ` (the oldest ${QUEUE_LIMIT} shown)` : "");
  return (
    <StaffShell relayName={env.RELAY_NAME} staffName={staff.name}>
      <div className="space-y-1">
        <h1 className="text-2xl font-semibold leading-tight sm:text-3xl">Review queue</h1>
        <p className="text-muted">
          {queue.toDecide.length} to decide · {queue.waitingForSender.length} waiting for the sender · {queue.cases.length} reported cases
        </p>
      </div>
      <Section id="to-decide" title={`Review requests to decide${more(queue.toDecide.length)}`}>
        <QueueTable
          caption="Review requests to decide, longest waiting first"
          rows={queue.toDecide.map((a) => ({ reference: a.reference, since: a.since, block: a.block }))}
          sinceHeader="Waiting since"
          now={now}
          empty="Nothing to decide. New requests appear here, oldest first."
        />
      </Section>
      <Section id="waiting" title={`Waiting for the sender's answer${more(queue.waitingForSender.length)}`}>
        <QueueTable
          caption="Review requests waiting for the sender's answer"
          rows={queue.waitingForSender.map((a) => ({ reference: a.reference, since: a.since, block: a.block }))}
          sinceHeader="Asked"
          now={now}
          empty="No open questions to senders."
        />
      </Section>
      <Section id="cases" title={`Reported cases${more(queue.cases.length)}`}>
        <QueueTable
          caption="Open cases reported by senders, oldest first"
          rows={queue.cases.map((c) => ({ reference: c.reference, since: c.openedAt, detail: String(c.messages), block: c.block }))}
          sinceHeader="Opened"
          now={now}
          empty="No open cases."
        />
      </Section>
    </StaffShell>
  );
}
