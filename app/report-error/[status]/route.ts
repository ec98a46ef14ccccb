import { REPORT_HEADERS } from "@/lib/http/security-headers";
import { REPORT_LINK_MISS_WINDOW_SECONDS } from "@/lib/reports/data/report-link-access";
import { PUBLIC_ID_PATTERN } from "@/lib/report-link";
import { REPLACED_LINK_ID_HEADER } from "@/lib/reports/report-request";
import { isReportErrorStatus, renderReportErrorPage } from "./error-pages";

/*
 * Internal target of proxy.ts rewrites: the answer to a report link that matched no
 * report (404), a rotated link (410) or a client over the miss limit (429). It reads
 * nothing from the original URL, so every variant of a miss gets the same bytes; the
 * proxy hands over the Retry-After of a 429 and the public id of a rotated link (whose
 * retired secret matched that report) in request headers it sets itself.
 * Opening it directly is harmless: it only shows the same fixed page, with a well-formed
 * id at most.
 */
export async function GET(request: Request, { params }: { params: Promise<{ status: string }> }) {
  const requested = Number((await params).status);
  const status = isReportErrorStatus(requested) ? requested : 404;
  const nonce = request.headers.get("x-nonce") ?? "";
  const headers: Record<string, string> = { ...REPORT_HEADERS, "Content-Type": "text/html; charset=utf-8" };
  let body: string;
  if (status === 429) {
    const handed = Number(request.headers.get("x-retry-after"));
    const retryAfterSeconds = Number.isInteger(handed) && handed > 0 ? handed : REPORT_LINK_MISS_WINDOW_SECONDS;
    headers["Retry-After"] = String(retryAfterSeconds);
    body = renderReportErrorPage(status, nonce, { retryAfterSeconds });
  } else if (status === 410) {
    const id = request.headers.get(REPLACED_LINK_ID_HEADER) ?? "";
    body = renderReportErrorPage(status, nonce, { publicId: PUBLIC_ID_PATTERN.test(id) ? id : null });
  } else {
    body = renderReportErrorPage(status, nonce);
  }
  return new Response(body, { status, headers });
}

export const dynamic = "force-dynamic";
