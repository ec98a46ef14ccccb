import "server-only";
import { isOwnersBlock } from "@/lib/data/account";
import { staffReportExists } from "@/lib/data/staff";
import { PUBLIC_ID_PATTERN } from "@/lib/report-link/link-format";
import { isOwner, isStaff, type SignedInUser } from "./session";

/*
 * The 404s of the owner portal and the console, in their own frame and words.
 *
 * A page that calls Next's notFound() while it renders gets, in a production build, an
 * empty `<html id="__next_error__">` document: the error escapes the page before any HTML
 * is written, Next's recovery renders that empty shell, and the segment's not-found.tsx
 * exists only in the RSC payload, for the browser's router to draw (vercel/next.js#62228).
 * Without JavaScript the page stayed blank. So the proxy decides those 404s first, for a
 * page loaded as a document (areaAnswersNotFound): it answers with the status 404 and marks
 * the request (AREA_NOT_FOUND_HEADER), and the area's layout renders AreaNotFound in place of
 * the page, on the server like any page. The page still checks and calls notFound() itself (a
 * client-side navigation, or the proxy's look-up failing), where not-found.tsx says the same
 * with JavaScript. (Not a rewrite to a page of its own: Next takes a rewrite for another host
 * when it listens on an address other than "localhost", and sends it through the proxy again.)
 */

/** The request header the proxy puts the visited path in (never the visitor's own): which 404 to explain. */
export const AREA_PATH_HEADER = "x-block-reports-path";

/** The request header that tells the area's layout to show its 404 (set by the proxy alone). */
export const AREA_NOT_FOUND_HEADER = "x-block-reports-not-found";

/** The console's pages only an admin may open (each page checks too: a reviewer gets 404). */
export const ADMIN_PAGES: Record<string, string> = {
  "/staff/audit": "The audit log",
  "/staff/templates": "The decision templates",
  "/staff/users": "The Users page",
};

export type AreaNotFoundReason =
  /** Staff (or any other login) in the owner portal. */
  | { kind: "owners-only" }
  /** An owner opening a report that is not their account's (or no report). */
  | { kind: "not-your-block"; publicId: string | null }
  /** A reviewer opening an admin page. */
  | { kind: "admins-only"; page: string }
  /** Staff opening a report id that matches nothing. */
  | { kind: "no-report"; publicId: string | null }
  | { kind: "no-page" };

const reportId = (segment: string | undefined) =>
  segment !== undefined && PUBLIC_ID_PATTERN.test(segment) ? segment : null;

/**
 * /account/blocks/<id> and /staff/reports/<id>: the id as typed, or undefined. Not
 * /account/blocks/export, the history's CSV route; /staff/reports/export is no route, so it
 * is a report id that matches nothing.
 */
function reportSegment(pathname: string, prefix: string): string | undefined {
  if (!pathname.startsWith(prefix)) return undefined;
  const rest = pathname.slice(prefix.length);
  if (!rest || rest.includes("/") || (prefix === "/account/blocks/" && rest === "export")) return undefined;
  try {
    return decodeURIComponent(rest);
  } catch {
    return rest; // Malformed escapes: no report has that id.
  }
}

const inArea = (pathname: string, area: string) => pathname === area || pathname.startsWith(`${area}/`);

/** Why `pathname` is a 404 for `user`, by the path and the role alone: the words of the 404 page. */
export function areaNotFoundReason(pathname: string, user: SignedInUser | null): AreaNotFoundReason {
  if (inArea(pathname, "/account") && user && !isOwner(user)) return { kind: "owners-only" };
  const block = reportSegment(pathname, "/account/blocks/");
  if (block !== undefined && isOwner(user)) return { kind: "not-your-block", publicId: reportId(block) };
  if (isStaff(user)) {
    const admin = Object.keys(ADMIN_PAGES).find((page) => inArea(pathname, page));
    if (admin && user.role !== "ADMIN") return { kind: "admins-only", page: ADMIN_PAGES[admin]! };
    const report = reportSegment(pathname, "/staff/reports/");
    if (report !== undefined) return { kind: "no-report", publicId: reportId(report) };
  }
  return { kind: "no-page" };
}

/**
 * Whether the page at `pathname` answers 404 for `user`, as the page itself would decide
 * (requireOwnerPage, the admin pages, the report pages' look-ups); for the proxy. The path is
 * read once, by areaNotFoundReason; a report id is then looked up (an id that cannot be one is
 * nobody's). Paths outside these cases (the export routes, a path that matches no page) are
 * left to Next.
 */
export async function areaAnswersNotFound(pathname: string, user: SignedInUser | null): Promise<boolean> {
  if (!user) return false; // Sent to sign in by the page.
  // The audit log's CSV route answers for itself (403 for a reviewer).
  if (pathname === "/staff/audit/export") return false;
  const reason = areaNotFoundReason(pathname, user);
  switch (reason.kind) {
    case "owners-only":
    case "admins-only":
      return true;
    case "not-your-block":
      return reason.publicId === null || !(await isOwnersBlock({ ownerId: user.id, publicId: reason.publicId }));
    case "no-report":
      return reason.publicId === null || !(await staffReportExists(reason.publicId));
    case "no-page":
      return false;
  }
}
