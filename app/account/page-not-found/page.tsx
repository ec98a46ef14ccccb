import type { Metadata } from "next";
import { AreaNotFound } from "@/components/auth/area-not-found";

export const metadata: Metadata = { title: "Page not found" };

/**
 * Where the proxy rewrites a page of this area that answers 404 (with that status), so the
 * 404 is rendered on the server like any page: see lib/auth/area-not-found.ts.
 */
export default function PageNotFound() {
  return <AreaNotFound />;
}
