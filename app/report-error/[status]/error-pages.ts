import { env } from "@/lib/env";
import { formatWait } from "@/lib/evidence/format";

/*
 * The 404, 410 and 429 answers to a report link, as fixed HTML. They are written here
 * instead of rendered by Next's not-found page because that page embeds the request's
 * URL in its payload: an unknown id and a wrong secret would then give different bodies,
 * and the body would carry the secret. Here the 404 differs from one response to the next
 * only in its nonce. The 410 also names the report: only the public id of the link the
 * visitor opened, whose retired secret matched that very report, so the page says nothing
 * the URL did not. The 429 also says how long to wait: its Retry-After, in words.
 */

export type ReportErrorStatus = 404 | 410 | 429;

/** What a page says beyond its fixed text; each field is used by one status only. */
export interface ReportErrorDetail {
  /** 410: the public id of the replaced link (checked by the caller against PUBLIC_ID_PATTERN), or null. */
  publicId?: string | null;
  /** 429: the seconds the Retry-After header says. */
  retryAfterSeconds?: number;
}

interface ErrorCopy {
  title: string;
  lead: string;
  /** Paragraphs of HTML: every value in them is escaped. */
  body: string[];
  /** The page's one button; none where going to "find your report" leads back here. */
  action: { href: string; label: string } | null;
}

const FIND_REPORT = { href: "/", label: "Find your report" };

function copyFor(status: ReportErrorStatus, detail: ReportErrorDetail): ErrorCopy {
  switch (status) {
    case 404:
      return {
        title: "Report not found",
        lead: "We could not find a report for this link.",
        body: [
          "Check that you copied the whole link from the bounce message, including the long code at its end. For your security we do not say which part did not match. You can also paste the whole bounce message and we will find the link for you.",
        ],
        action: FIND_REPORT,
      };
    case 410: {
      // The old link and every bounce that carried it lead here, so "find your report" would too.
      const compliance = escapeHtml(env.COMPLIANCE_EMAIL);
      const report = detail.publicId
        ? `report <span class="mono">${escapeHtml(detail.publicId)}</span>`
        : "the report number (the part after id= in this link)";
      const subject = detail.publicId
        ? `?subject=${encodeURIComponent(`Report ${detail.publicId}: link replaced`)}`
        : "";
      return {
        title: "This report link was replaced",
        lead: "The report still exists, but this link to it no longer works.",
        body: [
          "The owner of the account you send mail through replaced it with a new link. Ask them for the new one: they find it on this report in their account portal.",
          `Or write to our compliance team at <a class="link" href="mailto:${compliance}${escapeHtml(subject)}">${compliance}</a> and quote ${report}.`,
          "Please do not send again to get a new bounce message: while the block is in force, sending extends it and raises its level.",
        ],
        action: null,
      };
    }
    case 429:
      return {
        title: "Too many attempts",
        lead: "Too many report links that did not match were opened from your network.",
        body: [
          `Wait ${escapeHtml(formatWait(detail.retryAfterSeconds ?? 0))}, then open the link from your bounce message again, or paste the whole bounce message so we can find the link for you.`,
        ],
        action: FIND_REPORT,
      };
  }
}

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] as string,
  );

const STYLE = `
:root{--page:#f7f7f5;--surface:#fff;--ink:#1b1d21;--muted:#585d66;--line:#d9d9d4;--accent:#1f5fbf;--accent-ink:#fff;color-scheme:light dark}
@media (prefers-color-scheme:dark){:root{--page:#121417;--surface:#1b1e23;--ink:#e8e9eb;--muted:#a3a8b1;--line:#33373e;--accent:#8fb6ff;--accent-ink:#0d1b33}}
*{box-sizing:border-box}
body{margin:0;background:var(--page);color:var(--ink);font:16px/1.5 ui-sans-serif,system-ui,sans-serif}
header{border-bottom:1px solid var(--line);background:var(--surface)}
.wrap{max-width:48rem;margin:0 auto;padding:.75rem 1rem}
header p{margin:0;font-weight:600}
header span{color:var(--muted)}
main{max-width:48rem;margin:0 auto;padding:1.5rem 1rem}
.card{background:var(--surface);border:1px solid var(--line);border-radius:.5rem;padding:1.5rem}
.code{margin:0;font-size:.875rem;font-weight:600;letter-spacing:.04em;text-transform:uppercase;color:var(--muted)}
h1{margin:.25rem 0 .75rem;font-size:1.5rem;line-height:1.25}
.lead{font-weight:600}
p{margin:0 0 1rem}
.card>:last-child{margin-bottom:0}
a.button{display:inline-flex;min-height:2.75rem;align-items:center;border-radius:.375rem;background:var(--accent);color:var(--accent-ink);padding:.5rem 1rem;font-weight:600;text-decoration:none}
a.link{color:var(--accent);text-decoration:underline;text-underline-offset:2px;overflow-wrap:anywhere}
.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;overflow-wrap:anywhere}
a:focus-visible{outline:3px solid var(--accent);outline-offset:2px}
`;

/** The complete page for `status`; `nonce` is the response's CSP nonce. */
export function renderReportErrorPage(
  status: ReportErrorStatus,
  nonce: string,
  detail: ReportErrorDetail = {},
): string {
  const copy = copyFor(status, detail);
  const relay = escapeHtml(env.RELAY_NAME);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<meta name="referrer" content="no-referrer">
<title>${copy.title} — ${relay}</title>
<style nonce="${escapeHtml(nonce)}">${STYLE}</style>
</head>
<body>
<header><div class="wrap"><p><span>${relay}</span> Block report</p></div></header>
<main id="main">
<div class="card">
<p class="code">Error ${status}</p>
<h1>${copy.title}</h1>
<p class="lead">${copy.lead}</p>
${copy.body.map((paragraph) => `<p>${paragraph}</p>`).join("\n")}
${copy.action ? `<a class="button" href="${copy.action.href}">${copy.action.label}</a>\n` : ""}</div>
</main>
</body>
</html>
`;
}

export function isReportErrorStatus(value: number): value is ReportErrorStatus {
  return value === 404 || value === 410 || value === 429;
}
