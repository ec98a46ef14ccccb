import type { ReactNode } from "react";
import { Button, buttonClasses, LinkButton } from "./button";

/**
 * A list's filters, one pattern on every page that has them (block history, the staff queue,
 * the audit log). On a phone they fold under a one-line summary of what is applied ("Filters:
 * Active, SMTP user newsletter"), so the results are in view; from the `sm` width on they are
 * always shown (the `filter-panel` class in app/globals.css). A <details>: it opens without
 * JavaScript. `open`: shown on a phone too, when a filter has an error to fix.
 */
export function FilterPanel({ applied, open, children }: { applied: string[]; open: boolean; children: ReactNode }) {
  return (
    <details className="filter-panel group" open={open || undefined}>
      <summary className="flex min-h-11 cursor-pointer list-none items-center justify-between gap-3 rounded-md border border-control-line px-3 py-2 text-sm [&::-webkit-details-marker]:hidden">
        <span className="min-w-0 [overflow-wrap:anywhere]">
          <span className="font-semibold">Filters:</span> {applied.length ? applied.join(", ") : "none"}
        </span>
        <span aria-hidden="true" className="shrink-0 font-semibold text-accent">
          <span className="group-open:hidden">Change ▾</span>
          <span className="hidden group-open:inline">Hide ▴</span>
        </span>
      </summary>
      <div className="pt-4 sm:pt-0">{children}</div>
    </details>
  );
}

/** "Apply filters", and "Clear filters" while any filter is applied. */
export function FilterActions({ clearHref, applied }: { clearHref: string; applied: boolean }) {
  return (
    <div className="flex flex-wrap items-center gap-3">
      <Button type="submit">Apply filters</Button>
      {applied ? <LinkButton href={clearHref}>Clear filters</LinkButton> : null}
    </div>
  );
}

/**
 * The CSV of everything the filters match (every page), below the results. Not offered when
 * nothing matches: the file would hold the header line alone. A plain link, no `download`
 * attribute: the file's Content-Disposition makes it a download, and an answer that is not
 * the file (the owner export's "one at a time", a sign-in) is shown as a page rather than
 * saved as a broken .csv.
 */
export function CsvDownload({ href, what }: { href: string; what: string }) {
  return (
    <p className="flex flex-wrap items-center gap-x-3 gap-y-1">
      <a href={href} className={buttonClasses("secondary")}>
        Download CSV
      </a>
      <span className="text-sm text-muted">{what}</span>
    </p>
  );
}
