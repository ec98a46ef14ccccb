import Negotiator from "negotiator";

/*
 * A report link answers HTML (the page) or JSON (the same report for scripts) at the same
 * URL, chosen by the request's Accept header. This is the one place that choice is made:
 * proxy.ts routes on it and the front server's page cache (lib/report-cache) only answers
 * what it would route to the page. Kept apart from report-request.ts, which the browser
 * loads too: the negotiation library stays on the server.
 */

export type ReportVariant = "html" | "json";

/**
 * What each variant is sent as, the page first: for no Accept or a wildcard that covers
 * both, the page (two types named at the same q go by the client's order). The charset is
 * named so `application/json; charset=utf-8` matches too.
 */
const MEDIA_TYPES: Record<string, ReportVariant> = {
  "text/html; charset=utf-8": "html",
  "application/json; charset=utf-8": "json",
};

/**
 * The variant a client asked for, by RFC 9110 content negotiation (q-values, wildcards,
 * specificity). `application/json;q=0` refuses JSON. When the client accepts neither, it
 * gets the page anyway (RFC 9110 §12.5.1 allows that instead of 406, and a person reading
 * it sees a page rather than an empty answer).
 */
export function reportVariant(accept: string | string[] | null | undefined): ReportVariant {
  const header = Array.isArray(accept) ? accept.join(", ") : (accept ?? undefined);
  const chosen = new Negotiator({ headers: { accept: header } }).mediaType(Object.keys(MEDIA_TYPES));
  return (chosen && MEDIA_TYPES[chosen]) || "html";
}

/** The request header the choice depends on: every variant, and every answer to a report link, names it in Vary. */
export const REPORT_VARY = "Accept";
