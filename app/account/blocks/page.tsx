import type { Metadata } from "next";
import { AccountShell } from "@/components/account/account-shell";
import { BlocksTable } from "@/components/account/blocks-table";
import { HistoryFilterForm } from "@/components/account/history-filter-form";
import { Alert } from "@/components/ui/alert";
import { LinkButton } from "@/components/ui/button";
import { CsvDownload } from "@/components/ui/filter-panel";
import { Section } from "@/components/ui/section";
import { EXPORT_BUSY_MESSAGE } from "@/lib/account/export-slots";
import { hasFilters, historyQuery, parseHistoryCursor, parseHistoryFilters } from "@/lib/account/history-filters";
import { requireOwnerPage } from "@/lib/auth/session";
import { listAccountBlocks, listSmtpUsers, ownerScope } from "@/lib/data/account";
import { env } from "@/lib/env";

export const metadata: Metadata = { title: "Block history" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** Every block of the account, filtered by the URL, a page at a time (keyset: stable while new blocks arrive). */
export default async function BlockHistoryPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const filters = parseHistoryFilters(params);
  const cursor = parseHistoryCursor(params);
  const owner = await requireOwnerPage(`/account/blocks${historyQuery(filters, cursor)}`);
  const now = new Date();
  const [scope, smtpUsers, page] = await Promise.all([
    ownerScope(owner.id),
    listSmtpUsers({ ownerId: owner.id }),
    listAccountBlocks({ ownerId: owner.id, filters, cursor }),
  ]);
  const filtered = hasFilters(filters);
  return (
    <AccountShell
      relayName={env.RELAY_NAME}
      accountName={scope.accountName}
      ownerName={owner.name}
      current="/account/blocks"
    >
      <div className="space-y-1">
        <h1 className="text-2xl leading-tight font-semibold sm:text-3xl">Block history</h1>
        <p className="text-muted">
          Every block of your SMTP users. Open a row for its full report, its review requests and its link.
        </p>
      </div>
      <Section id="filters" title="Filters">
        <HistoryFilterForm filters={filters} smtpUsers={smtpUsers} />
      </Section>
      <Section id="blocks" title={cursor ? "Blocks (a later page)" : "Blocks"}>
        <BlocksTable
          caption={`Blocks${filtered ? " matching the filters" : ""}, ${filters.order === "newest" ? "newest" : "oldest"} first`}
          rows={page.rows}
          now={now}
          empty={
            filtered
              ? "No block matches these filters."
              : cursor
                ? "No more blocks."
                : "No block yet: nothing of this account was ever blocked."
          }
        />
        <nav aria-label="Pages" className="flex flex-wrap gap-3">
          {cursor ? <LinkButton href={`/account/blocks${historyQuery(filters)}`}>First page</LinkButton> : null}
          {page.next ? (
            <LinkButton href={`/account/blocks${historyQuery(filters, page.next)}`}>Next page</LinkButton>
          ) : null}
        </nav>
        {/* Sent back by the export (app/account/blocks/export/route.ts) while another download of the account runs. */}
        {params.export === "busy" ? (
          <div id="export-busy" className="scroll-mt-4">
            <Alert tone="warning" title="Not downloaded yet" live>
              {EXPORT_BUSY_MESSAGE}
            </Alert>
          </div>
        ) : null}
        {/* A later page that is empty still has blocks before it to download. */}
        {page.rows.length > 0 || cursor ? (
          <CsvDownload
            href={`/account/blocks/export${historyQuery(filters)}`}
            what={filtered ? "Every block matching the filters, all pages." : "Every block, all pages."}
          />
        ) : null}
      </Section>
    </AccountShell>
  );
}
