import type { ReportLinkFields } from "./types";

/*
 * The report travels with the form because a server action is a plain POST endpoint: it
 * has no other way to know which report is meant. The action trusts these values for
 * nothing but the lookup; the block's state and reason are read from the database.
 */
export function LinkFields({ link }: { link: ReportLinkFields }) {
  return (
    <>
      {Object.entries(link).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
    </>
  );
}
