import type { Metadata } from "next";
import { AreaNotFound } from "@/components/auth/area-not-found";

export const metadata: Metadata = { title: "Page not found" };

/**
 * This segment's 404 after a client-side navigation (JavaScript on): in the visitor's own
 * area, with why. A page loaded as a document gets the same from the layout, rendered on the
 * server with the status 404 (lib/auth/area-not-found.ts says why).
 */
export default function NotFound() {
  return <AreaNotFound />;
}
