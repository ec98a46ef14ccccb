import type { ServerResponse } from "node:http";
import { REPORT_VARY } from "@/lib/reports/report-variant";
import type { FastPath } from "./fast-path";

/** Adds `name` to the response's Vary header when it is written, unless it is there already (or Vary is `*`). */
export function varyOn(res: ServerResponse, name: string): void {
  const writeHead = res.writeHead;
  res.writeHead = function (this: ServerResponse, ...args: unknown[]) {
    const current = this.getHeader("vary");
    const names = (Array.isArray(current) ? current.join(",") : String(current ?? ""))
      .split(",")
      .map((item) => item.trim())
      .filter(Boolean);
    if (!names.some((item) => item === "*" || item.toLowerCase() === name.toLowerCase()))
      this.setHeader("Vary", [...names, name].join(", "));
    return (writeHead as (...rest: unknown[]) => ServerResponse).apply(this, args);
  } as typeof res.writeHead;
}

/*
 * `/` answers a report link as HTML or JSON depending on Accept (lib/reports/report-variant.ts),
 * so every answer at `/` must say `Vary: Accept`, or a shared cache could hand one to a
 * client that asked for the other. proxy.ts sets it, but Next's page runtime replaces the
 * Vary of a page it renders with its own list, so the front server adds it back on every
 * answer at `/`: rendered pages, the page cache's copies (made from them) and HEADs.
 * It never answers: it only makes sure of the header and hands the request on.
 */
export const varyReportOnAccept: FastPath = async (req, res) => {
  const url = req.url ?? "";
  if (url === "/" || url.startsWith("/?")) varyOn(res, REPORT_VARY);
  return false;
};
