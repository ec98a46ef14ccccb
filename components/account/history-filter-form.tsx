import { Button, LinkButton } from "@/components/ui/button";
import { Field, FieldError, SelectField, TextInput } from "@/components/ui/field";
import { BLOCK_REASONS, BLOCK_STATUSES, hasFilters, type HistoryFilters } from "@/lib/account/history-filters";
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
  return (
    // autoComplete off: on back and forward the browser must show the filters of the URL it
    // returns to, not restore what was last selected in the form.
    <form
      method="get"
      action="/account/blocks"
      role="search"
      aria-label="Filter blocks"
      autoComplete="off"
      className="space-y-4"
    >
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <Field id={id("q")} name="q" label="Search" hint="A report id, or the start of a sender address">
          {({ id: inputId, describedBy }) => (
            <TextInput
              id={inputId}
              name="q"
              type="search"
              maxLength={320}
              defaultValue={filters.q ?? ""}
              aria-describedby={describedBy}
            />
          )}
        </Field>
        <SelectField
          id={id("smtpUser")}
          name="smtpUser"
          label="SMTP user"
          defaultValue={filters.smtpUser}
          any="All SMTP users"
          // A login's name, shown like evidence (bidi controls as markers), as in the table below.
          options={smtpUsers.map((u) => [u.id, toDisplayText(u.username)] as const)}
        />
        <Field id={id("sender")} name="sender" label="Sender address" hint="Exactly this address">
          {({ id: inputId, describedBy }) => (
            <TextInput
              id={inputId}
              name="sender"
              type="text"
              maxLength={320}
              defaultValue={filters.sender ?? ""}
              aria-describedby={describedBy}
            />
          )}
        </Field>
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
        <Field id={id("from")} name="from" label="From (UTC)">
          {({ id: inputId }) => <TextInput id={inputId} name="from" type="date" defaultValue={filters.from ?? ""} />}
        </Field>
        <Field id={id("to")} name="to" label="To (UTC, included)">
          {({ id: inputId }) => (
            <TextInput
              id={inputId}
              name="to"
              type="date"
              defaultValue={filters.to ?? ""}
              aria-describedby={reversed ? id("to-error") : undefined}
              aria-invalid={Boolean(reversed)}
            />
          )}
        </Field>
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
      {reversed ? <FieldError id={id("to-error")} errors={reversed} /> : null}
      <div className="flex flex-wrap gap-3">
        <Button type="submit">Apply filters</Button>
        {hasFilters(filters) || filters.order !== "newest" ? (
          <LinkButton href="/account/blocks">Clear filters</LinkButton>
        ) : null}
      </div>
    </form>
  );
}
