import { z } from "zod";
import { isCalendarDay, queryText } from "@/lib/forms/query-values";
import { PUBLIC_ID_PATTERN } from "@/lib/report-link/link-format";

/*
 * The owner's block history is filtered by what is in the URL, so a filtered view can be
 * shared, the back button works and the form works without JavaScript (a GET form). A
 * value that does not parse is dropped, never an error: a hand-edited URL still shows a page.
 */

export const BLOCK_STATUSES = ["ACTIVE", "UNDER_REVIEW", "LIFTED", "EXPIRED"] as const;
export const BLOCK_REASONS = ["SPAM", "ABUSE", "RATE"] as const;
export const HISTORY_ORDERS = ["newest", "oldest"] as const;

export type HistoryOrder = (typeof HISTORY_ORDERS)[number];

export interface HistoryFilters {
  status?: (typeof BLOCK_STATUSES)[number];
  reason?: (typeof BLOCK_REASONS)[number];
  /** An SMTP user's id (uuid). */
  smtpUser?: string;
  /** One sender address, exactly as the relay reported it (case included: the keyset index holds it so). */
  sender?: string;
  /** First and last day (UTC, YYYY-MM-DD), both included. */
  from?: string;
  to?: string;
  /** A report id, or the start of a sender address. */
  q?: string;
  order: HistoryOrder;
}

/** Where a page starts: after the row with this creation time and id, in the page's order. */
export interface HistoryCursor {
  createdAt: string;
  id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// A real calendar day in a year Postgres has: 2026-02-30 and 0000-01-01 are dropped.
const day = z.string().refine(isCalendarDay);

const FIELDS = {
  status: z.enum(BLOCK_STATUSES),
  reason: z.enum(BLOCK_REASONS),
  smtpUser: z
    .string()
    .regex(UUID)
    .transform((v) => v.toLowerCase()),
  sender: z.string().max(320),
  from: day,
  to: day,
  q: z.string().max(320),
  order: z.enum(HISTORY_ORDERS),
} as const;

type SearchParams = Record<string, string | string[] | undefined>;

/** The filters in a history URL's query; anything malformed is ignored. */
export function parseHistoryFilters(params: SearchParams): HistoryFilters {
  const filters: Record<string, unknown> = { order: "newest" };
  for (const [name, schema] of Object.entries(FIELDS)) {
    const raw = params[name];
    // Control characters (a NUL from `%00` would fail Postgres's text) are in no address.
    const text = queryText((Array.isArray(raw) ? raw[0] : raw) ?? "");
    if (!text) continue;
    const parsed = schema.safeParse(text);
    if (parsed.success) filters[name] = parsed.data;
  }
  return filters as unknown as HistoryFilters;
}

/** The cursor in a history URL (`after`), or null for the first page. */
export function parseHistoryCursor(params: SearchParams): HistoryCursor | null {
  const raw = Array.isArray(params.after) ? params.after[0] : params.after;
  if (typeof raw !== "string" || raw.length > 100) return null;
  const [stamp, id] = raw.split("_");
  if (!stamp || !id || !UUID.test(id) || !/^\d{1,16}$/.test(stamp)) return null;
  // Microseconds since the epoch: Postgres keeps them, and a millisecond cursor would skip
  // or repeat rows created in the same millisecond.
  return { createdAt: stamp, id: id.toLowerCase() };
}

export const encodeHistoryCursor = (cursor: HistoryCursor): string => `${cursor.createdAt}_${cursor.id}`;

/** The query string of a history view: the filters (defaults left out) and, optionally, a cursor. */
export function historyQuery(filters: HistoryFilters, cursor?: HistoryCursor | null): string {
  const params = new URLSearchParams();
  for (const key of ["status", "reason", "smtpUser", "sender", "from", "to", "q"] as const) {
    const value = filters[key];
    if (value) params.set(key, value);
  }
  if (filters.order !== "newest") params.set("order", filters.order);
  if (cursor) params.set("after", encodeHistoryCursor(cursor));
  const query = params.toString();
  return query ? `?${query}` : "";
}

/** Whether a search term is a report id (else it is taken as the start of a sender address). */
export const isReportIdSearch = (q: string): boolean => PUBLIC_ID_PATTERN.test(q.toLowerCase());

export const hasFilters = (filters: HistoryFilters): boolean =>
  Boolean(
    filters.status || filters.reason || filters.smtpUser || filters.sender || filters.from || filters.to || filters.q,
  );
