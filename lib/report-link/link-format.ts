// What a well-formed report link looks like, without Node APIs: the "Find your report"
// form imports this in the browser, and anything importing node:crypto there pulls a
// ~100 kB (gzip) crypto polyfill into the page's JavaScript.

export const PUBLIC_ID_PATTERN = /^[0-9a-f]{20}$/;
export const SECRET_PATTERN = /^[A-Za-z0-9_-]{22,128}$/;

export function isWellFormedLink(id: unknown, auth: unknown): id is string {
  return typeof id === "string" && typeof auth === "string" && PUBLIC_ID_PATTERN.test(id) && SECRET_PATTERN.test(auth);
}
