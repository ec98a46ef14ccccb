import { REPORT_HEADERS } from "@/lib/http/security-headers";
import { isReportErrorStatus, renderReportErrorPage } from "./error-pages";

/*
 * Internal target of proxy.ts rewrites: the answer to a report link that matched no
 * report (404), a rotated link (410) or a client over the miss limit (429). It reads
 * nothing from the original URL, so every variant of a miss gets the same bytes.
 * Opening it directly is harmless: it only shows the same fixed page.
 */
export async function GET(request: Request, { params }: { params: Promise<{ status: string }> }) {
  const requested = Number((await params).status);
  const status = isReportErrorStatus(requested) ? requested : 404;
  const nonce = request.headers.get("x-nonce") ?? "";
  const retryAfter = Number(request.headers.get("x-retry-after"));
  const headers: Record<string, string> = { ...REPORT_HEADERS, "Content-Type": "text/html; charset=utf-8" };
  if (status === 429)
    headers["Retry-After"] = String(Number.isInteger(retryAfter) && retryAfter > 0 ? retryAfter : 600);
  return new Response(renderReportErrorPage(status, nonce), { status, headers });
}

export const dynamic = "force-dynamic";
