import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { StaffShell } from "@/components/staff/staff-shell";
import { DataTable } from "@/components/ui/data-table";
import { DayRangeFields } from "@/components/ui/day-range-fields";
import { SelectField, TextField } from "@/components/ui/field";
import { CsvDownload, FilterActions, FilterPanel } from "@/components/ui/filter-panel";
import { Section } from "@/components/ui/section";
import { requireStaffPage } from "@/lib/auth/session";
import { AUDIT_PAGE_SIZE, listAuditEntries, type AuditEntry } from "@/lib/data/staff";
import { env } from "@/lib/env";
import { formatUtcDateTime } from "@/lib/evidence/format";
import { reversedDayErrors } from "@/lib/forms/day-range";
import { AUDIT_ACTIONS, auditQuery, parseAuditParams, type AuditAction } from "@/lib/staff/audit-filters";

export const metadata: Metadata = { title: "Audit log" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const actionLabel = (action: string) => AUDIT_ACTIONS[action as AuditAction] ?? action;

/** Every staff action, sign-in and failed sign-in, newest first; admins only. */
export default async function StaffAuditPage({ searchParams }: { searchParams: SearchParams }) {
  const staff = await requireStaffPage("/staff/audit");
  // Not an admin: as if the page did not exist (the navigation does not offer it either).
  if (staff.role !== "ADMIN") notFound();
  const { filters, before } = parseAuditParams(await searchParams);
  const reversed = reversedDayErrors(filters.from, filters.to);
  const { entries, next } = await listAuditEntries({ staffId: staff.id, filters, before });
  const query = auditQuery(filters);
  // What the folded form says is applied, in the order of its fields.
  const applied = [
    filters.actor ? `who “${filters.actor}”` : null,
    filters.action ? actionLabel(filters.action) : null,
    filters.target ? `on ${filters.target}` : null,
    filters.from ? `from ${filters.from}` : null,
    filters.to ? `to ${filters.to}` : null,
  ].filter((item): item is string => item !== null);
  return (
    <StaffShell relayName={env.RELAY_NAME} staffName={staff.name} current="audit" isAdmin>
      <div className="space-y-1">
        <h1 className="text-2xl leading-tight font-semibold sm:text-3xl">Audit log</h1>
        <p className="text-muted">
          Who did what, on what, when and why: every staff action, sign-in and failed sign-in, newest first. Times are
          UTC. Nothing here can be changed or deleted.
        </p>
      </div>
      <Section id="audit-filters" title="Filter">
        <FilterPanel applied={applied} open={Boolean(reversed)}>
          <form
            method="get"
            action="/staff/audit"
            role="search"
            aria-label="Filter the audit log"
            className="space-y-4"
          >
            <div className="filter-grid sm:grid-cols-2 lg:grid-cols-5">
              <TextField
                name="actor"
                id="audit-actor"
                label="Who"
                hint="Part of an email or name."
                maxLength={320}
                defaultValue={filters.actor ?? ""}
              />
              <SelectField
                name="action"
                id="audit-action"
                label="What"
                defaultValue={filters.action}
                any="Any action"
                options={(Object.keys(AUDIT_ACTIONS) as AuditAction[]).map(
                  (action) => [action, AUDIT_ACTIONS[action]] as const,
                )}
              />
              <TextField
                name="target"
                id="audit-target"
                label="On"
                hint="A reference, report id or email address."
                maxLength={100}
                defaultValue={filters.target ?? ""}
              />
              <DayRangeFields
                ids={{ from: "audit-from", to: "audit-to" }}
                labels={{ from: "From (UTC day)", to: "To (UTC day)" }}
                from={filters.from}
                to={filters.to}
                reversed={reversed}
              />
            </div>
            <FilterActions clearHref="/staff/audit" applied={applied.length > 0} />
          </form>
        </FilterPanel>
      </Section>
      <Section id="entries" title={`Entries${before ? " (older)" : ""}`}>
        {entries.length === 0 ? (
          <p className="text-sm text-muted">No entries match.</p>
        ) : (
          <DataTable<AuditEntry>
            caption="Audit entries, newest first"
            captionHidden
            stackOnPhones
            rows={entries}
            rowKey={(e) => e.key}
            columns={[
              { header: "When", cell: (e) => <span className="whitespace-nowrap">{formatUtcDateTime(e.at)}</span> },
              // Minimum widths: a narrow table scrolls sideways rather than breaking every word (on a phone each row is a card).
              {
                header: "Who",
                cell: (e) => (
                  <span className="block min-w-44 [overflow-wrap:anywhere]">
                    {e.actorName ? `${e.actorName} · ` : ""}
                    {e.actorEmail ?? "unknown"}
                  </span>
                ),
              },
              {
                header: "What",
                cell: (e) => (
                  <span className="block min-w-32">{`${actionLabel(e.action)}${e.detail ? `: ${e.detail.toLowerCase()}` : ""}`}</span>
                ),
              },
              {
                header: "On",
                cell: (e) =>
                  e.target ? (
                    e.publicId ? (
                      <a className="font-mono underline underline-offset-2" href={`/staff/reports/${e.publicId}`}>
                        {e.target}
                      </a>
                    ) : (
                      <span className="font-mono">{e.target}</span>
                    )
                  ) : (
                    "–"
                  ),
              },
              {
                header: "Why",
                cell: (e) => <span className="block min-w-56 [overflow-wrap:anywhere]">{e.reason ?? "–"}</span>,
              },
              { header: "From", cell: (e) => e.client ?? "–" },
            ]}
          />
        )}
        {before || next ? (
          <nav aria-label="Pages of the audit log" className="flex flex-wrap gap-x-4 text-sm">
            {before ? (
              <a className="underline underline-offset-2" href={`/staff/audit${query ? `?${query}` : ""}`}>
                Newest entries
              </a>
            ) : null}
            {next ? (
              <a
                className="font-semibold underline underline-offset-2"
                href={`/staff/audit?${auditQuery(filters, next)}`}
              >{`Older entries (next ${AUDIT_PAGE_SIZE})`}</a>
            ) : null}
          </nav>
        ) : null}
        {entries.length > 0 ? (
          <CsvDownload
            href={`/staff/audit/export${query ? `?${query}` : ""}`}
            what={query ? "Every entry matching the filters, all pages." : "Every entry, all pages."}
          />
        ) : null}
      </Section>
    </StaffShell>
  );
}
