/*
 * A URL may carry credentials (`https://user:pass@hooks.example/`). They are kept to
 * authenticate with, but never shown back or logged: every `scheme://…@` in a text has its
 * user information replaced. The class stops at the authority's end (`/ ? # \` or
 * whitespace), so the match is the authority's last `@`, as URL parsers read it.
 */
const CREDENTIALS_IN_URL = /\b([a-z][a-z0-9+.\-]{0,31}:\/\/)[^\s/?#\\]*@/gi;

/** `https://user:pass@host/x` → `https://***@host/x` (every URL in `text`); the rest is kept. */
export function redactUrlCredentials(text: string, mask = "***"): string {
  return text.replace(CREDENTIALS_IN_URL, `$1${mask}@`);
}
