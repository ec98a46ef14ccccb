import { z } from "zod";
import { isUuid } from "@/lib/data/ids";
import { formatCount } from "@/lib/evidence/format";
import { isRealMoment, optionalFilter as optional, textFilter } from "@/lib/forms/query-values";

/*
 * The review queue's filters and page positions, all in the URL (a GET form: bookmarkable,
 * shareable, and it works without JavaScript). A value the form does not offer — a hand-
 * edited or stale URL — falls back to "any" rather than failing the page.
 */

export const QUEUE_LISTS = ["decide", "waiting", "cases"] as const;
export type QueueList = (typeof QUEUE_LISTS)[number];

export const QUEUE_LIST_LABELS: Record<QueueList, string> = {
  decide: "To decide",
  waiting: "Waiting for the sender",
  cases: "Reported cases",
};

export const AGE_OPTIONS = { "1h": 1, "4h": 4, "24h": 24, "3d": 72, "7d": 168 } as const;
export type AgeOption = keyof typeof AGE_OPTIONS;
export const AGE_LABELS: Record<AgeOption, string> = {
  "1h": "over 1 hour",
  "4h": "over 4 hours",
  "24h": "over 1 day",
  "3d": "over 3 days",
  "7d": "over 7 days",
};

export const ASSIGNEE_OPTIONS = ["anyone", "mine", "unassigned"] as const;
export type AssigneeOption = (typeof ASSIGNEE_OPTIONS)[number];

/**
 * Each list's count stops one past this: counting every match of a filtered list means
 * joining all of them (100,000 at bench:staff's volume); counting at most 1,001 reads as
 * many rows as a few pages.
 */
export const QUEUE_COUNT_CAP = 1000;

/** A list's count as the console shows it: "1,000+" once it passes the cap. */
export const formatQueueCount = (count: number): string =>
  count > QUEUE_COUNT_CAP ? `${formatCount(QUEUE_COUNT_CAP)}+` : formatCount(count);

export const SEARCH_MAX = 200;
/** A search for part of an address or name needs this many characters. */
export const SEARCH_MIN_PART = 3;

/**
 * A search too short to look for part of an address or name (a reference or report id is
 * longer): it matches nothing, and the form says so instead of showing empty lists alone.
 */
export const isSearchTooShort = (q: string | undefined): boolean => q !== undefined && q.length < SEARCH_MIN_PART;

const filtersSchema = z.object({
  /** Which list (the request's status); none: all three. */
  list: optional(z.enum(QUEUE_LISTS)),
  reason: optional(z.enum(["SPAM", "ABUSE", "RATE"])),
  /** Waiting longer than. */
  age: optional(z.enum(Object.keys(AGE_OPTIONS) as [AgeOption, ...AgeOption[]])),
  /** Escalation level, at least. */
  level: optional(z.coerce.number().int().min(1).max(10)),
  assignee: z.enum(ASSIGNEE_OPTIONS).catch("anyone").default("anyone"),
  /** Sender address, SMTP user, account name, report id or request/case reference. */
  q: textFilter(SEARCH_MAX),
});

export type QueueFilters = z.infer<typeof filtersSchema>;

/** Where each list's page starts: an opaque cursor per list, from the previous page. */
export type QueueCursors = Partial<Record<QueueList, string>>;

const CURSOR_PARAM: Record<QueueList, string> = {
  decide: "decide_after",
  waiting: "waiting_after",
  cases: "cases_after",
};

type Params = Record<string, string | string[] | undefined>;
const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export function parseQueueParams(params: Params): { filters: QueueFilters; cursors: QueueCursors } {
  const raw = Object.fromEntries(
    ["list", "reason", "age", "level", "assignee", "q"].map((key) => [key, first(params[key])]),
  );
  const filters = filtersSchema.parse(raw);
  const cursors: QueueCursors = {};
  for (const list of QUEUE_LISTS) {
    const value = first(params[CURSOR_PARAM[list]]);
    if (value && value.length <= 200) cursors[list] = value;
  }
  return { filters, cursors };
}

/** The URL of the queue with these filters, and a page position for one list (none: first pages). */
export function queueHref(filters: QueueFilters, page?: { list: QueueList; after: string }): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) {
    if (value !== undefined && !(key === "assignee" && value === "anyone")) params.set(key, String(value));
  }
  if (page) params.set(CURSOR_PARAM[page.list], page.after);
  const query = params.toString();
  return query ? `/staff?${query}` : "/staff";
}

/** Whether any filter narrows the queue. */
export const isFiltered = (filters: QueueFilters) =>
  Object.entries(filters).some(([key, value]) => value !== undefined && !(key === "assignee" && value === "anyone"));

/*
 * A cursor is the last row's position: its timestamp to the microsecond (as Postgres keeps
 * it; a JavaScript Date would round it to milliseconds and repeat or skip rows) and its id.
 */
const CURSOR_PATTERN = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6})~([0-9a-f-]{36})~([01])$/;

export interface QueueCursor {
  at: string;
  id: string;
  /** Whether the row was one of the viewer's own claimed items (they come first). */
  mine: boolean;
}

export const encodeCursor = (cursor: QueueCursor): string =>
  Buffer.from(`${cursor.at}~${cursor.id}~${cursor.mine ? 1 : 0}`).toString("base64url");

/** The cursor in a page link; anything else (edited, truncated) is null: the first page. */
export function decodeCursor(value: string | undefined): QueueCursor | null {
  if (!value) return null;
  const match = CURSOR_PATTERN.exec(Buffer.from(value, "base64url").toString("utf8"));
  if (!match || !isUuid(match[2]!) || !isRealMoment(match[1]!)) return null;
  return { at: match[1]!, id: match[2]!, mine: match[3] === "1" };
}
