/**
 * A plain-http URL on this machine (localhost, 127.0.0.1, [::1]), judged by its parsed host,
 * so `http://localhost:@evil.example/` (whose host is evil.example) is not one. The one rule
 * for where an OpenID issuer may be plain http: lib/env.ts checks OIDC_ISSUER with it at
 * start, lib/auth/single-sign-on.ts again before it allows insecure requests.
 */
export function isLoopbackHttp(url: string | URL): boolean {
  let parsed: URL;
  try {
    parsed = typeof url === "string" ? new URL(url) : url;
  } catch {
    return false;
  }
  return parsed.protocol === "http:" && ["localhost", "127.0.0.1", "[::1]"].includes(parsed.hostname);
}
