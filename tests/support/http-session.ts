import { baseUrl } from "./browser";
import { actionBody, serverActionId } from "./raw-http";

/*
 * Plain-HTTP access to the app the way a client without a browser has it: forms posted
 * as a browser without JavaScript posts them (React's hidden action fields, read from the
 * page), server actions posted directly by their id, cookies kept by hand.
 */

const ENTITIES: Record<string, string> = {
  "&quot;": '"',
  "&#x27;": "'",
  "&#39;": "'",
  "&lt;": "<",
  "&gt;": ">",
  "&amp;": "&",
};
const unescapeHtml = (text: string) => text.replace(/&(?:quot|#x27|#39|lt|gt|amp);/g, (entity) => ENTITIES[entity]!);

/** The hidden fields of the form labelled `label` on the page, in document order. */
export function hiddenFields(html: string, label: string): [string, string][] {
  const start = html.search(new RegExp(`<form [^>]*aria-label="${label}"`));
  if (start < 0) throw new Error(`no form labelled ${label} on the page`);
  const form = html.slice(start, html.indexOf("</form>", start));
  return [...form.matchAll(/<input type="hidden" name="([^"]*)"(?: value="([^"]*)")?\/>/g)].map((m) => [
    unescapeHtml(m[1]!),
    unescapeHtml(m[2] ?? ""),
  ]);
}

/** The value of a `name=value` session cookie from a response's Set-Cookie headers, or null. */
export function sessionCookieFrom(response: Response): string | null {
  const header = response.headers.getSetCookie().find((c) => c.startsWith("next-auth.session-token="));
  const value = header?.slice(header.indexOf("=") + 1, header.indexOf(";"));
  return value ? `next-auth.session-token=${value}` : null;
}

export interface HttpOptions {
  cookie?: string | null;
  /** The Origin header; the app's own unless given. */
  origin?: string;
  headers?: Record<string, string>;
}

export function get(pathname: string, { cookie, headers = {} }: HttpOptions = {}): Promise<Response> {
  return fetch(`${baseUrl()}${pathname}`, {
    redirect: "manual",
    headers: { ...headers, ...(cookie ? { cookie } : {}) },
  });
}

/** Posts the form labelled `label` on `pagePath` as a browser without JavaScript would, with `fields` filled in. */
export async function postPageForm(
  pagePath: string,
  label: string,
  fields: Record<string, string>,
  options: HttpOptions = {},
): Promise<Response> {
  const page = await get(pagePath, options);
  if (page.status !== 200) throw new Error(`GET ${pagePath} answered ${page.status}`);
  const body = new FormData();
  for (const [name, value] of hiddenFields(await page.text(), label))
    body.append(name, name in fields ? fields[name]! : value);
  for (const [name, value] of Object.entries(fields)) if (!body.has(name)) body.append(name, value);
  return post(pagePath, body, options);
}

export function post(
  pathname: string,
  body: FormData,
  { cookie, origin = baseUrl(), headers = {} }: HttpOptions = {},
): Promise<Response> {
  return fetch(`${baseUrl()}${pathname}`, {
    method: "POST",
    redirect: "manual",
    body,
    headers: { origin, ...headers, ...(cookie ? { cookie } : {}) },
  });
}

/**
 * Calls a form action `(previousState, formData)` directly, as the browser's JavaScript
 * does: `Next-Action` header and React's reply encoding (the form's fields first, the arguments last).
 */
export function callFormAction(
  pagePath: string,
  exportedName: string,
  fields: Record<string, string>,
  options: HttpOptions = {},
): Promise<Response> {
  return post(pagePath, actionBody(fields), {
    ...options,
    headers: { "Next-Action": serverActionId(exportedName), ...options.headers },
  });
}

/** Posts a form action as a browser without JavaScript posts a form using it, on any page. */
export function postFormAction(
  pagePath: string,
  exportedName: string,
  fields: Record<string, string>,
  options: HttpOptions = {},
): Promise<Response> {
  const body = new FormData();
  body.append("$ACTION_REF_1", "");
  body.append("$ACTION_1:0", JSON.stringify({ id: serverActionId(exportedName), bound: "$@1" }));
  body.append("$ACTION_1:1", JSON.stringify([{ status: "idle" }]));
  body.append("$ACTION_KEY", "k0");
  for (const [name, value] of Object.entries(fields)) body.append(name, value);
  return post(pagePath, body, options);
}
