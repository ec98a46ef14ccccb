import type { CurrentReportLink as Link } from "@/lib/data/blocks/report-links";
import { CopyButton } from "@/components/ui/copy-button";

const UNAVAILABLE = {
  issued_before_links_were_kept:
    "This block's link was made before links were kept, so only the bounce your sender got holds it. Replace the link below to get one you can copy here.",
  sealed_under_another_key:
    "The link cannot be shown: this server's REPORT_LINK_KEY is not the key the link was sealed with. Ask your relay's operator, or replace the link below.",
} as const;

/** The report's current link, as the bounce gave it to the sender, to copy. */
export function CurrentReportLink({ link }: { link: Link }) {
  if (!link.url)
    return <p className="text-sm text-muted">{UNAVAILABLE[link.unavailable ?? "issued_before_links_were_kept"]}</p>;
  return (
    <div className="space-y-2">
      <label htmlFor="current-report-link" className="block text-sm font-semibold">
        Current report link
      </label>
      <input
        id="current-report-link"
        readOnly
        value={link.url}
        className="block w-full rounded-md border border-control-line bg-sunken px-3 py-2 font-mono text-xs text-ink"
      />
      <p className="text-sm text-muted">
        The link in the bounce your sender got. Anyone who has it can read this report and ask for a review, so share it
        only with the people fixing the problem.
      </p>
      <CopyButton value={link.url} label="Copy link" />
    </div>
  );
}
