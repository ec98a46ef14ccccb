import type { ReactNode } from "react";
import { headers } from "next/headers";
import { AreaNotFound } from "@/components/auth/area-not-found";
import { AREA_NOT_FOUND_HEADER } from "@/lib/auth/area-not-found";

/**
 * Each page draws its own frame; a page the proxy found to be a 404 for this visitor (the
 * request says so, with the status already 404) shows the area's 404 page instead, rendered
 * on the server: see lib/auth/area-not-found.ts.
 */
export default async function Layout({ children }: { children: ReactNode }) {
  if ((await headers()).has(AREA_NOT_FOUND_HEADER)) return <AreaNotFound />;
  return children;
}
