/*
 * Headers on every response the app sends: next.config.mjs's headers() gives them to
 * everything Next answers, and the front server (lib/front-server, lib/api/relay-fast-path.ts)
 * to what it answers itself, so a client cannot tell which one answered.
 */
export const GLOBAL_HEADERS: Readonly<Record<string, string>> = {
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "no-referrer",
  "X-Frame-Options": "DENY",
  "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
};
