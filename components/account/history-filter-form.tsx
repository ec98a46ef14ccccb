import { DayRangeFields } from "@/components/ui/day-range-fields";
import { SelectField, TextField } from "@/components/ui/field";
import { FilterActions, FilterPanel } from "@/components/ui/filter-panel";
import { BLOCK_REASONS, BLOCK_STATUSES, type HistoryFilters } from "@/lib/account/history-filters";
import { toDisplayText } from "@/lib/evidence";
import { reversedDayErrors } from "@/lib/forms/day-range";
import { BLOCK_STATUS_LABELS } from "@/lib/reports/block-status";
import { REASON_LABELS } from "./labels";

/*
 * The history's filters as a plain GET form: the filters live in the URL, so a view can
 * be shared or bookmarked, the back button steps through them, and it works without
 * JavaScript. Applying filters starts again at the first page (the form has no cursor).
 */
export function HistoryFilterForm({
  filters,
  smtpUsers,
}: {
  filters: HistoryFilters;
  smtpUsers: { id: string; username: string }[];
}) {
  const id = (name: string) => `filter-${name}`;
  const reversed = reversedDayErrors(filters.from, filters.to);
  const smtpUser = smtpUsers.find((u) => u.id === filters.smtpUser);
  // What the folded form says is applied, in the order of its fields.
  const applied = [
    filters.q ? `search “${toDisplayText(filters.q)}”` : null,
    smtpUser ? `SMTP user ${toDisplayText(smtpUser.username)}` : null,
    filters.sender ? `sender ${toDisplayText(filters.sender)}` : null,
    filters.status ? BLOCK_STATUS_LABELS[filters.status].label : null,
    filters.reason ? REASON_LABELS[filters.reason] : null,
    filters.from ? `from ${filters.from}` : null,
    filters.to ? `to ${filters.to}` : null,
    filters.order === "oldest" ? "oldest first" : null,
  ].filter((item): item is string => item !== null);
  return (
    <FilterPanel applied={applied} open={Boolean(reversed)}>
      {/* autoComplete off: on back and forward the browser must show the filters of the URL it
          returns to, not restore what was last selected in the form. */}
      <form
        method="get"
        action="/account/blocks"
        role="search"
        aria-label="Filter blocks"
        autoComplete="off"
        className="space-y-4"
      >
        <div className="filter-grid sm:grid-cols-2 lg:grid-cols-4">
          <TextField
            id={id("q")}
            name="q"
            label="Search"
            hint="A report id, or the start of a sender address"
            type="search"
            maxLength={320}
            defaultValue={filters.q ?? ""}
          />
          <SelectField
            id={id("smtpUser")}
            name="smtpUser"
            label="SMTP user"
            defaultValue={filters.smtpUser}
            any="All SMTP users"
            // A login's name, shown like evidence (bidi controls as markers), as in the table below.
            options={smtpUsers.map((u) => [u.id, toDisplayText(u.username)] as const)}
          />
          <TextField
            id={id("sender")}
            name="sender"
            label="Sender address"
            hint="Exactly this address"
            type="text"
            maxLength={320}
            defaultValue={filters.sender ?? ""}
          />
          <SelectField
            id={id("status")}
            name="status"
            label="Status"
            defaultValue={filters.status}
            any="Any status"
            options={BLOCK_STATUSES.map((s) => [s, BLOCK_STATUS_LABELS[s].label] as const)}
          />
          <SelectField
            id={id("reason")}
            name="reason"
            label="Reason"
            defaultValue={filters.reason}
            any="Any reason"
            options={BLOCK_REASONS.map((r) => [r, REASON_LABELS[r]] as const)}
          />
          <DayRangeFields
            ids={{ from: id("from"), to: id("to") }}
            labels={{ from: "From (UTC)", to: "To (UTC, included)" }}
            from={filters.from}
            to={filters.to}
            reversed={reversed}
          />
          <SelectField
            id={id("order")}
            name="order"
            label="Order"
            defaultValue={filters.order}
            options={[
              ["newest", "Newest first"],
              ["oldest", "Oldest first"],
            ]}
          />
        </div>
        <FilterActions clearHref="/account/blocks" applied={applied.length > 0} />
      </form>
    </FilterPanel>
  );
}
