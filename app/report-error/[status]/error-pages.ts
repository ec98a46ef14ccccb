import { env } from "@/lib/env";

/*
 * The 404, 410 and 429 answers to a report link, as fixed HTML. They are written here
 * instead of rendered by Next's not-found page because that page embeds the request's
 * URL in its payload: an unknown id and a wrong secret would then give different bodies,
 * and the body would carry the secret. Here the only per-response byte is the nonce.
 */

export type ReportErrorStatus = 404 | 410 | 429;

interface ErrorCopy {
  title: string;
  lead: string;
  body: string;
}

const COPY: Record<ReportErrorStatus, ErrorCopy> = {
  404: {
    title: "Report not found",
    lead: "We could not find a report for this link.",
    body: "Check that you copied the whole link from the bounce message, including the long code at its end. For your security we do not say which part did not match. You can also paste the whole bounce message and we will find the link for you.",
  },
  410: {
    title: "This report link was replaced",
    lead: "The report still exists, but this link to it no longer works.",
    body: "The account owner created a new link for this report. Use the link in the most recent bounce message, or ask the owner of your sending account for the new one.",
  },
  429: {
    title: "Too many attempts",
    lead: "Too many report links that did not match were opened from your network.",
    body: "Wait a few minutes, then open the link from your bounce message again, or paste the whole bounce message so we can find the link for you.",
  },
};

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
a.button{display:inline-flex;min-height:2.75rem;align-items:center;border-radius:.375rem;background:var(--accent);color:var(--accent-ink);padding:.5rem 1rem;font-weight:600;text-decoration:none}
a:focus-visible{outline:3px solid var(--accent);outline-offset:2px}
`;

/** The complete page for `status`; `nonce` is the response's CSP nonce. */
export function renderReportErrorPage(status: ReportErrorStatus, nonce: string): string {
  const copy = COPY[status];
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
<p>${copy.body}</p>
<a class="button" href="/">Find your report</a>
</div>
</main>
</body>
</html>
`;
}

export function isReportErrorStatus(value: number): value is ReportErrorStatus {
  return value === 404 || value === 410 || value === 429;
}
