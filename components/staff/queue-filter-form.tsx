import { Button, buttonClasses } from "@/components/ui/button";
import { Field, Select, TextInput } from "@/components/ui/field";
import {
  AGE_LABELS,
  AGE_OPTIONS,
  ASSIGNEE_OPTIONS,
  QUEUE_LIST_LABELS,
  QUEUE_LISTS,
  SEARCH_MAX,
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
  return (
    <form method="get" action="/staff" role="search" aria-label="Filter the queue" className="space-y-4">
      <Field
        name="q"
        id="queue-q"
        label="Search"
        hint="Part of a sender address, SMTP user or account name (at least 3 characters), or a whole report id or request or case reference."
      >
        {({ id, describedBy }) => (
          <TextInput
            id={id}
            name="q"
            type="search"
            maxLength={SEARCH_MAX}
            defaultValue={filters.q ?? ""}
            aria-describedby={describedBy}
          />
        )}
      </Field>
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-5">
        <Field name="list" id="queue-list" label="Status">
          {({ id }) => (
            <Select id={id} name="list" defaultValue={filters.list ?? ""}>
              <option value="">All lists</option>
              {QUEUE_LISTS.map((list) => (
                <option key={list} value={list}>
                  {QUEUE_LIST_LABELS[list]}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field name="reason" id="queue-reason" label="Reason">
          {({ id }) => (
            <Select id={id} name="reason" defaultValue={filters.reason ?? ""}>
              <option value="">Any reason</option>
              {REASONS.map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field name="age" id="queue-age" label="Waiting">
          {({ id }) => (
            <Select id={id} name="age" defaultValue={filters.age ?? ""}>
              <option value="">Any time</option>
              {(Object.keys(AGE_OPTIONS) as (keyof typeof AGE_OPTIONS)[]).map((age) => (
                <option key={age} value={age}>
                  {AGE_LABELS[age]}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field name="level" id="queue-level" label="Escalation level">
          {({ id }) => (
            <Select id={id} name="level" defaultValue={filters.level ? String(filters.level) : ""}>
              <option value="">Any level</option>
              {[2, 3, 4, 5].map((level) => (
                <option key={level} value={level}>{`${level} or higher`}</option>
              ))}
            </Select>
          )}
        </Field>
        <Field name="assignee" id="queue-assignee" label="Claimed by">
          {({ id }) => (
            <Select id={id} name="assignee" defaultValue={filters.assignee}>
              {ASSIGNEE_OPTIONS.map((option) => (
                <option key={option} value={option}>
                  {ASSIGNEE_LABELS[option]}
                </option>
              ))}
            </Select>
          )}
        </Field>
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit">Apply filters</Button>
        <a href="/staff" className={buttonClasses("secondary")}>
          Clear
        </a>
      </div>
    </form>
  );
}
