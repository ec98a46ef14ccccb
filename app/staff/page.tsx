import type { Metadata } from "next";
import { QueueFilterForm } from "@/components/staff/queue-filter-form";
import { QueueTable, type QueueRow } from "@/components/staff/queue-table";
import { StaffShell } from "@/components/staff/staff-shell";
import { Section } from "@/components/ui/section";
import { requireStaffPage } from "@/lib/auth/session";
import { listReviewQueue, type QueueItem } from "@/lib/data/staff";
import { env } from "@/lib/env";
import { formatCount } from "@/lib/evidence/format";
import { formatQueueCount, isFiltered, parseQueueParams, queueHref, type QueueList } from "@/lib/staff/queue-filters";

export const metadata: Metadata = { title: "Review queue" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const toRow = (item: QueueItem, extra: Partial<QueueRow> = {}): QueueRow => ({
  reference: item.reference,
  since: item.since,
  block: item.block,
  claim: item.claim,
  mine: item.mine,
  ...extra,
});

/**
 * The compliance queue: review requests to decide, requests waiting for the sender, reported
 * cases. Each list puts the viewer's own claimed items first, then the longest waiting; the
 * filters and each list's page are in the URL.
 */
export default async function StaffQueuePage({ searchParams }: { searchParams: SearchParams }) {
  const staff = await requireStaffPage("/staff");
  const { filters, cursors } = parseQueueParams(await searchParams);
  const queue = await listReviewQueue({ staffId: staff.id, filters, after: cursors });
  const now = new Date();
  const lists: {
    list: QueueList;
    id: string;
    title: string;
    caption: string;
    sinceHeader: string;
    empty: string;
    rows: QueueRow[];
  }[] = [
    {
      list: "decide",
      id: "to-decide",
      title: "Review requests to decide",
      caption: "Review requests to decide: yours first, then in the order they were submitted",
      sinceHeader: "Submitted",
      empty: "Nothing to decide. New requests appear here, oldest first.",
      rows: queue.toDecide.map((a) => toRow(a)),
    },
    {
      list: "waiting",
      id: "waiting",
      title: "Waiting for the sender's answer",
      caption: "Review requests waiting for the sender's answer",
      sinceHeader: "Asked",
      empty: "No open questions to senders.",
      rows: queue.waitingForSender.map((a) => toRow(a)),
    },
    {
      list: "cases",
      id: "cases",
      title: "Reported cases",
      caption: "Open cases reported by senders: yours first, then the oldest",
      sinceHeader: "Opened",
      empty: "No open cases.",
      rows: queue.cases.map((c) => toRow(c, { detail: String(c.messages) })),
    },
  ];
  const filtered = isFiltered(filters);
  const matching = filtered ? " matching the filters" : "";
  return (
    <StaffShell relayName={env.RELAY_NAME} staffName={staff.name} current="queue" isAdmin={staff.role === "ADMIN"}>
      <div className="space-y-1">
        <h1 className="text-2xl leading-tight font-semibold sm:text-3xl">Review queue</h1>
        <p className="text-muted">
          {formatQueueCount(queue.counts.decide)} to decide · {formatQueueCount(queue.counts.waiting)} waiting for the
          sender · {formatQueueCount(queue.counts.cases)} reported {queue.counts.cases === 1 ? "case" : "cases"}
          {matching}
        </p>
      </div>
      <Section id="filters" title="Filter and search">
        <QueueFilterForm filters={filters} />
      </Section>
      {lists
        .filter((list) => !filters.list || filters.list === list.list)
        .map((list) => {
          const next = queue.next[list.list];
          const shown = list.rows.length;
          const total = queue.counts[list.list];
          return (
            <Section key={list.id} id={list.id} title={`${list.title} (${formatQueueCount(total)})`}>
              <QueueTable
                caption={list.caption}
                rows={list.rows}
                sinceHeader={list.sinceHeader}
                now={now}
                empty={filtered ? "Nothing here matches the filters." : list.empty}
              />
              {cursors[list.list] || next ? (
                <nav
                  aria-label={`Pages of ${list.title.toLowerCase()}`}
                  className="flex flex-wrap items-center gap-x-4 gap-y-1 text-sm"
                >
                  <span className="text-muted">
                    {formatCount(shown)} shown of {formatQueueCount(total)}
                  </span>
                  {cursors[list.list] ? (
                    <a className="underline underline-offset-2" href={`${queueHref(filters)}#${list.id}`}>
                      First page
                    </a>
                  ) : null}
                  {next ? (
                    <a
                      className="font-semibold underline underline-offset-2"
                      href={`${queueHref(filters, { list: list.list, after: next })}#${list.id}`}
                    >
                      Next page
                    </a>
                  ) : null}
                </nav>
              ) : null}
            </Section>
          );
        })}
    </StaffShell>
  );
}
