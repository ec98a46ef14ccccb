import { readdirSync, readFileSync } from "node:fs";
import { request } from "node:http";
import path from "node:path";

export interface RawRequest {
  method: string;
  /** Sent as written: bad percent-encoding and all (only bytes Node refuses to send are not possible). */
  path: string;
  /** In order, repeated names kept: a duplicate Content-Type is sent twice. */
  headers: [string, string][];
  body?: Buffer | string;
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/**
 * One request over a fresh connection with node:http, which (unlike fetch) sends what it is
 * given: any method, duplicate headers, a path with broken escapes, a body with a GET.
 * Rejects when no answer came within `timeoutMs`, or the connection broke before one.
 */
export function sendRaw(baseUrl: string, req: RawRequest, timeoutMs = 15_000): Promise<RawResponse> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const body = req.body === undefined ? undefined : Buffer.from(req.body);
    const headers = req.headers.flat();
    // Node sends no Host of its own with headers given as a list, and Node's server answers 400 without one.
    if (!req.headers.some(([name]) => name.toLowerCase() === "host")) headers.push("Host", `${hostname}:${port}`);
    if (body && !req.headers.some(([name]) => /^(content-length|transfer-encoding)$/i.test(name)))
      headers.push("Content-Length", String(body.length));
    const outgoing = request(
      { hostname, port, method: req.method, path: req.path, headers, agent: false, timeout: timeoutMs },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
        res.on("error", reject);
      },
    );
    outgoing.on("timeout", () => outgoing.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    outgoing.on("error", reject);
    outgoing.end(body);
  });
}

/**
 * Every URL path the app routes, from the file system: each page.tsx and route.ts under
 * app/, route groups left out, a dynamic segment filled with `sample`. A new page or route is in
 * this list without anyone adding it.
 */
export function appRoutePaths(appDir = path.resolve("app"), sample = "x"): string[] {
  const found: string[] = [];
  const walk = (dir: string, segments: string[]) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) {
        const name = entry.name;
        if (name.startsWith("_") || name.startsWith("@")) continue; // private folders and parallel slots: not URL segments
        const segment = /^\(.*\)$/.test(name)
          ? []
          : /^\[\[?\.\.\./.test(name)
            ? [sample, sample]
            : /^\[.*\]$/.test(name)
              ? [sample]
              : [name];
        walk(path.join(dir, name), [...segments, ...segment]);
      } else if (/^(page|route)\.(tsx?|jsx?)$/.test(entry.name)) {
        found.push(`/${segments.join("/")}`);
      }
    }
  };
  walk(appDir, []);
  return [...new Set(found)].sort();
}

export interface ServerAction {
  id: string;
  name: string;
  /** The module that exports it, e.g. `lib/actions/account.ts`. */
  filename: string | undefined;
  /** The build's workers that carry it, e.g. `app/staff/reports/[publicId]/page`. */
  workers: string[];
  /** The URL paths of the pages that carry it (dynamic segments filled with `sample`). */
  pages: string[];
}

/**
 * Every server action in the production build, from Next's own manifest: a new action is
 * in this list without anyone adding it. Call after the build (the e2e global setup builds).
 */
export function buildServerActions(distDir = path.resolve(".next"), sample = "x"): ServerAction[] {
  type Manifest = Record<
    "node" | "edge",
    Record<string, { workers: Record<string, unknown>; exportedName?: string; filename?: string }> | undefined
  >;
  const manifest = JSON.parse(
    readFileSync(path.join(distDir, "server/server-reference-manifest.json"), "utf8"),
  ) as Manifest;
  return Object.entries({ ...manifest.node, ...manifest.edge }).map(([id, entry]) => ({
    id,
    name: entry.exportedName ?? id,
    filename: entry.filename,
    workers: Object.keys(entry.workers),
    pages: Object.keys(entry.workers).map((worker) => {
      const segments = worker
        .replace(/^app\//, "")
        .split("/")
        .slice(0, -1); // "app/staff/reports/[publicId]/page"
      return `/${segments
        .filter((s) => !/^\(.*\)$/.test(s))
        .map((s) => (/^\[.*\]$/.test(s) ? sample : s))
        .join("/")}`;
    }),
  }));
}

/**
 * A server action's id in the build, by its exported name (and module, where two modules
 * export the same name). The ids are public: every page that uses one carries it.
 */
export function serverActionId(name: string, filename?: string): string {
  const action = buildServerActions().find(
    (candidate) => candidate.name === name && (filename === undefined || candidate.filename === filename),
  );
  if (!action) throw new Error(`no server action ${name}${filename ? ` in ${filename}` : ""} in the build`);
  return action.id;
}

/**
 * The body React's client sends for a form action called as (previous state, form data):
 * a FormData argument's fields named `_<n>_<name>` and referred to as "$K<n>", and the
 * argument list in row "0", last, as React sends it (the server reads the fields before it).
 */
export function actionBody(fields: Record<string, string>): FormData {
  const form = new FormData();
  for (const [field, value] of Object.entries(fields)) form.append(`_1_${field}`, value);
  form.append("0", JSON.stringify([{ status: "idle" }, "$K1"]));
  return form;
}

/**
 * Posts a form's fields to a server action the way React does from a page with
 * JavaScript: the `Next-Action` header and a multipart body whose row "0" is the argument
 * list `[previous state, FormData]`. Resolves with the status and the answer's text (the
 * RSC payload carrying the action's returned state).
 */
export async function postServerAction(
  baseUrl: string,
  path: string,
  name: string,
  fields: Record<string, string>,
  headers: Record<string, string> = {},
) {
  const form = actionBody(fields);
  const response = await fetch(`${baseUrl}${path}`, {
    method: "POST",
    headers: { "Next-Action": serverActionId(name), Origin: baseUrl, Accept: "text/x-component", ...headers },
    body: form,
    redirect: "manual",
  });
  return { status: response.status, text: await response.text() };
}
