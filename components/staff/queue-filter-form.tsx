import { SelectField, TextField } from "@/components/ui/field";
import { FilterActions, FilterPanel } from "@/components/ui/filter-panel";
import { toDisplayText } from "@/lib/evidence";
import {
  AGE_LABELS,
  AGE_OPTIONS,
  ASSIGNEE_OPTIONS,
  QUEUE_LIST_LABELS,
  QUEUE_LISTS,
  SEARCH_MAX,
  SEARCH_MIN_PART,
  isFiltered,
  isSearchTooShort,
  type QueueFilters,
} from "@/lib/staff/queue-filters";

const ASSIGNEE_LABELS = { anyone: "Anyone", mine: "Claimed by me", unassigned: "Not claimed" } as const;
const REASONS = [
  ["SPAM", "Spam"],
  ["ABUSE", "Abuse"],
  ["RATE", "Rate"],
] as const;

/** The queue's filters: a plain GET form, so the state lives in the URL and it works without JavaScript. */
export function QueueFilterForm({ filters }: { filters: QueueFilters }) {
  const tooShort = isSearchTooShort(filters.q);
  // What the folded form says is applied, in the order of its fields.
  const applied = [
    filters.q ? `search “${toDisplayText(filters.q)}”` : null,
    filters.list ? QUEUE_LIST_LABELS[filters.list] : null,
    filters.reason ? REASONS.find(([value]) => value === filters.reason)![1] : null,
    filters.age ? `waiting ${AGE_LABELS[filters.age]}` : null,
    filters.level ? `level ${filters.level} or higher` : null,
    filters.assignee === "anyone" ? null : ASSIGNEE_LABELS[filters.assignee].toLowerCase(),
  ].filter((item): item is string => item !== null);
  return (
    <FilterPanel applied={applied} open={tooShort}>
      <form method="get" action="/staff" role="search" aria-label="Filter the queue" className="space-y-4">
        <TextField
          name="q"
          id="queue-q"
          label="Search"
          hint={`Part of a sender address, SMTP user or account name (at least ${SEARCH_MIN_PART} characters), or a whole report id or request or case reference.`}
          errors={
            tooShort ? [`Type at least ${SEARCH_MIN_PART} characters: a shorter search matches nothing.`] : undefined
          }
          type="search"
          maxLength={SEARCH_MAX}
          defaultValue={filters.q ?? ""}
        />
        <div className="filter-grid sm:grid-cols-2 lg:grid-cols-5">
          <SelectField
            name="list"
            id="queue-list"
            label="Status"
            defaultValue={filters.list}
            any="All lists"
            options={QUEUE_LISTS.map((list) => [list, QUEUE_LIST_LABELS[list]] as const)}
          />
          <SelectField
            name="reason"
            id="queue-reason"
            label="Reason"
            defaultValue={filters.reason}
            any="Any reason"
            options={REASONS}
          />
          <SelectField
            name="age"
            id="queue-age"
            label="Waiting"
            defaultValue={filters.age}
            any="Any time"
            options={(Object.keys(AGE_OPTIONS) as (keyof typeof AGE_OPTIONS)[]).map(
              (age) => [age, AGE_LABELS[age]] as const,
            )}
          />
          <SelectField
            name="level"
            id="queue-level"
            label="Escalation level"
            defaultValue={filters.level ? String(filters.level) : undefined}
            any="Any level"
            options={[2, 3, 4, 5].map((level) => [String(level), `${level} or higher`] as const)}
          />
          <SelectField
            name="assignee"
            id="queue-assignee"
            label="Claimed by"
            defaultValue={filters.assignee}
            options={ASSIGNEE_OPTIONS.map((option) => [option, ASSIGNEE_LABELS[option]] as const)}
          />
        </div>
        <FilterActions clearHref="/staff" applied={isFiltered(filters)} />
      </form>
    </FilterPanel>
  );
}
