import type { Metadata } from "next";
import { NotFoundPage } from "@/components/ui/not-found-page";
import { notFoundHome } from "@/lib/auth/not-found-home";
import { env } from "@/lib/env";

export const metadata: Metadata = { title: "Page not found" };

/** The 404 of this segment: the site's one, with the way back to the signed-in visitor's own pages. */
export default async function NotFound() {
  return <NotFoundPage relayName={env.RELAY_NAME} home={await notFoundHome()} />;
}
