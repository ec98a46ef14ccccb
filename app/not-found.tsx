import type { Metadata } from "next";
import { NotFoundPage } from "@/components/ui/not-found-page";
import { env } from "@/lib/env";

export const metadata: Metadata = { title: "Page not found" };

/*
 * Every 404 Next renders itself (an unknown path, a staff report id that matches nothing),
 * in the site's frame and type. Report links that match nothing never get here: the
 * proxy answers them with the fixed pages of app/report-error, which carry no URL. It reads
 * no session: Next puts this page into every page's payload, the report page's too, which
 * the front server shares between visitors (the /account and /staff 404s, in their own
 * not-found.tsx, add the way back to the visitor's own pages).
 */
export default function NotFound() {
  return <NotFoundPage relayName={env.RELAY_NAME} />;
}
