import type { ReportLinkFields } from "./types";

/*
 * The link travels with the form because a server action is a plain POST endpoint: it
 * has no other way to know which report is meant. The action trusts these two values for
 * nothing but the lookup; the block's state and reason are read from the database.
 */
export function LinkFields({ link }: { link: ReportLinkFields }) {
  return (
    <>
      <input type="hidden" name="id" value={link.id} />
      <input type="hidden" name="auth" value={link.auth} />
    </>
  );
}
