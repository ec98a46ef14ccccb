import { readdirSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { connect } from "node:net";
import { describe, expect, inject, it } from "vitest";
import { SERVER_ACTION_BODY_LIMIT_BYTES } from "@/lib/http/server-actions";
import { baseUrl } from "../support/browser";
import { freshClient } from "../support/demo-links";
import { buildServerActions, postServerAction, sendRaw, serverActionId } from "../support/raw-http";
import { createReport, storedFor } from "./sender-actions/app-data";

/*
 * Requests an attacker writes by hand — server actions posted directly, odd methods, broken
 * escapes — against the app as `npm start` serves it. Each of these was answered 500 before
 * the front server's guards (lib/front-server/request-guards.ts) and the form helpers'
 * robustness (lib/actions/form-result.ts).
 */

const linkOf = (path: string) => {
  const params = new URLSearchParams(path.slice(path.indexOf("?")));
  return { id: params.get("id")!, auth: params.get("auth")! };
};

const post = (path: string, headers: [string, string][], body: string | Buffer) =>
  sendRaw(baseUrl(), { method: "POST", path, headers: [["X-Forwarded-For", freshClient()], ...headers], body });

describe("server actions posted directly", () => {
  it("answers a body over the 2 MB limit with 413, and runs nothing", async () => {
    const { block, path } = await createReport({ reason: "SPAM" });
    const big = "x".repeat(SERVER_ACTION_BODY_LIMIT_BYTES);
    const viaFetch = await postServerAction(
      baseUrl(),
      path,
      "reportMessageAction",
      { ...linkOf(path), note: big },
      { "X-Forwarded-For": freshClient() },
    );
    expect(viaFetch.status).toBe(413);
    const plain = await post(
      "/",
      [
        ["Next-Action", serverActionId("findReportAction")],
        ["Content-Type", "text/plain;charset=UTF-8"],
      ],
      `["${big}"]`,
    );
    expect(plain.status).toBe(413);
    const chunked = await post(
      "/",
      [
        ["Next-Action", serverActionId("findReportAction")],
        ["Content-Type", "text/plain"],
        ["Transfer-Encoding", "chunked"],
      ],
      `["${big}"]`,
    );
    expect(chunked.status).toBe(413);
    expect((await storedFor(block.id, block.publicId)).cases).toHaveLength(0);
    // Just under the limit is still taken: the limit is the one next.config.mjs gives Next.
    const under = await postServerAction(
      baseUrl(),
      path,
      "reportMessageAction",
      { ...linkOf(path), note: "y".repeat(SERVER_ACTION_BODY_LIMIT_BYTES - 2048) },
      { "X-Forwarded-For": freshClient() },
    );
    expect(under.status).toBe(200);
    expect(under.text).toContain("Please check the highlighted fields.");
  });

  it("answers every action posted with a text body that is no form (`[null,null]`) as it answers an empty form, never 500", async () => {
    for (const action of buildServerActions()) {
      const response = await post(
        action.pages[0]!.replace("/staff/reports/x", "/staff"),
        [
          ["Next-Action", action.id],
          ["Content-Type", "text/plain;charset=UTF-8"],
        ],
        "[null,null]",
      );
      expect(response.status, action.name).toBeLessThan(500);
    }
    const review = await post(
      "/",
      [
        ["Next-Action", serverActionId("requestReviewAction")],
        ["Content-Type", "text/plain;charset=UTF-8"],
      ],
      "[null,null]",
    );
    expect(review.status).toBe(200);
    expect(review.body.toString()).toContain("This report link is not valid");
    const find = await post(
      "/",
      [
        ["Next-Action", serverActionId("findReportAction")],
        ["Content-Type", "text/plain;charset=UTF-8"],
      ],
      '[null,"not a form"]',
    );
    expect(find.status).toBe(200);
    expect(find.body.toString()).toContain("Paste the bounce message or the report link first.");
  });

  it("refuses a post from another site, or from an unnamed one, with 403 and runs nothing", async () => {
    const { block, path } = await createReport({ reason: "SPAM" });
    const fields = { ...linkOf(path), note: "Posted from elsewhere." };
    for (const origin of ["https://evil.example", "null", "not a url", `${baseUrl()}.evil.example`]) {
      const response = await postServerAction(baseUrl(), path, "reportMessageAction", fields, {
        Origin: origin,
        "X-Forwarded-For": freshClient(),
      });
      expect(response.status, origin).toBe(403);
    }
    // A form posted without JavaScript, from another site.
    const form = new FormData();
    form.append(`$ACTION_ID_${serverActionId("reportMessageAction")}`, "");
    for (const [name, value] of Object.entries(fields)) form.append(name, value);
    const noScript = await fetch(`${baseUrl()}${path}`, {
      method: "POST",
      headers: { Origin: "https://evil.example", "X-Forwarded-For": freshClient() },
      body: form,
    });
    expect(noScript.status).toBe(403);
    expect((await storedFor(block.id, block.publicId)).cases).toHaveLength(0);

    // The browser's own `Origin: null` from this site's page (no-referrer) still works.
    const same = await postServerAction(baseUrl(), path, "reportMessageAction", fields, {
      Origin: "null",
      "Sec-Fetch-Site": "same-origin",
      "X-Forwarded-For": freshClient(),
    });
    expect(same.status).toBe(200);
    expect(same.text).toContain("The report was sent to our compliance team");
    expect((await storedFor(block.id, block.publicId)).cases).toHaveLength(1);
  });

  it("answers a body Next cannot decode with 400: broken JSON, broken multipart framing, references to rows that are not there", async () => {
    const id = serverActionId("requestReviewAction");
    for (const [type, body] of [
      ["text/plain", "[{"],
      ["text/plain", '"x"'],
      ["text/plain", '["$1"]'],
      ["text/plain", '["$Q1","$h1"]'],
      ["multipart/form-data", "--x\r\n"],
      [
        "multipart/form-data; boundary=abc",
        '--other\r\nContent-Disposition: form-data; name="0"\r\n\r\n[]\r\n--other--\r\n',
      ],
    ]) {
      const response = await post(
        "/",
        [
          ["Next-Action", id],
          ["Content-Type", type!],
          ["Origin", baseUrl()],
        ],
        body!,
      );
      expect(response.status, `${type} ${body}`).toBe(400);
    }
  });

  it("reads a path with dot segments as the path Next routes: `/api/../` is no way round the guards (400, 403, never 500)", async () => {
    const id = serverActionId("requestReviewAction");
    for (const prefix of ["/api/..", "/api/%2e%2e", "/api/.%2E", "/api/v1/../..", "/x/%2E/.."]) {
      const undecodable = await post(
        `${prefix}/`,
        [
          ["Next-Action", id],
          ["Content-Type", "text/plain;charset=UTF-8"],
          ["Origin", baseUrl()],
        ],
        '["$Q1",{"a":"$@2"}]',
      );
      expect(undecodable.status, prefix).toBe(400);
      const foreign = await post(
        `${prefix}/sign-in`,
        [
          ["Next-Action", id],
          ["Content-Type", "text/plain;charset=UTF-8"],
          ["Origin", "https://evil.example"],
        ],
        '["x"]',
      );
      expect(foreign.status, prefix).toBe(403);
    }
    // A fragment is dropped before the guards, as Next drops it before it routes; and a path under
    // /api/ that no route handler serves is a page's (Next's 404 page), guarded as one.
    for (const path of ["/api/..#/sign-in", "/api/%2e%2e#", "/api/nonexistent", "/api/v1/nothing-here"]) {
      const foreign = await post(
        path,
        [
          ["Next-Action", id],
          ["Content-Type", "text/plain;charset=UTF-8"],
          ["Origin", "https://evil.example"],
        ],
        '["x"]',
      );
      expect(foreign.status, path).toBe(403);
      const undecodable = await post(
        path,
        [
          ["Next-Action", id],
          ["Content-Type", "text/plain;charset=UTF-8"],
          ["Origin", baseUrl()],
        ],
        '["$Q1",{"a":"$@2"}]',
      );
      expect(undecodable.status, path).toBe(400);
    }
    // The report answer at `/` names Accept in Vary however its path was written.
    const report = await createReport();
    const dotted = await sendRaw(baseUrl(), {
      method: "GET",
      path: report.path.replace(/^\/\?/, "/x/..?"),
      headers: [["X-Forwarded-For", freshClient()]],
    });
    expect(dotted.status).toBe(200);
    expect(String(dotted.headers.vary)).toMatch(/\bAccept\b/);
  });

  it("answers a request that asks to switch protocols (WebSocket, h2c) as a plain request instead of dropping the connection", async () => {
    const upgrades: [string, string][][] = [
      [
        ["Connection", "Upgrade"],
        ["Upgrade", "websocket"],
        ["Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ=="],
        ["Sec-WebSocket-Version", "13"],
      ],
      // What `curl --http2` sends to an http:// address.
      [
        ["Connection", "Upgrade, HTTP2-Settings"],
        ["Upgrade", "h2c"],
        ["HTTP2-Settings", "AAMAAABkAARAAAAAAAIAAAAA"],
      ],
    ];
    const report = await createReport();
    for (const headers of upgrades) {
      const label = headers[1]![1];
      const client: [string, string] = ["X-Forwarded-For", freshClient()];
      const find = await sendRaw(baseUrl(), { method: "GET", path: "/", headers: [client, ...headers] });
      expect(find.status, label).toBe(200);
      expect(find.body.toString(), label).toContain("Find your report");
      expect(find.headers["content-security-policy"], label).toContain("frame-ancestors 'none'");
      const view = await sendRaw(baseUrl(), { method: "GET", path: report.path, headers: [client, ...headers] });
      expect(view.status, label).toBe(200);
      const miss = await sendRaw(baseUrl(), { method: "HEAD", path: "/?id=x&auth=y", headers: [client, ...headers] });
      expect(miss.status, label).toBe(404);
      const status = await sendRaw(baseUrl(), { method: "GET", path: "/api/v1/blocks", headers: [client, ...headers] });
      expect(status.status, label).toBe(401);
      // A body after an upgrade's headers is not framed by Node: refused, never guessed at.
      const withBody = await post("/api/v1/blocks", headers, "{}");
      expect(withBody.status, label).toBe(400);
    }
  });

  it("refuses methods the app does not serve with 405 and an Allow header", async () => {
    for (const method of ["TRACE", "PROPFIND", "MKCOL"]) {
      for (const path of ["/", "/api/health", "/staff"]) {
        const response = await sendRaw(baseUrl(), { method, path, headers: [] });
        expect(response.status, `${method} ${path}`).toBe(405);
        expect(response.headers.allow).toBe("GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS");
      }
    }
  });

  it("answers a request for `*` (OPTIONS: the server's methods; anything else: 400) and a CONNECT (405) instead of 500 or a dropped connection", async () => {
    const options = await sendRaw(baseUrl(), { method: "OPTIONS", path: "*", headers: [] });
    expect(options.status).toBe(204);
    expect(options.headers.allow).toBe("GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS");
    for (const method of ["GET", "HEAD", "POST"]) {
      const response = await sendRaw(baseUrl(), { method, path: "*", headers: [] });
      expect(response.status, method).toBe(400);
    }
    // node:http's client takes any answer to CONNECT for a tunnel: over a plain socket.
    const { hostname, port } = new URL(baseUrl());
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), hostname, () =>
        socket.end(`CONNECT ${hostname}:${port} HTTP/1.1\r\nHost: ${hostname}:${port}\r\n\r\n`),
      );
      let text = "";
      socket.on("data", (chunk: Buffer) => (text += chunk.toString("latin1")));
      socket.on("close", () => resolve(text));
      socket.on("error", reject);
    });
    expect(answer.split("\r\n")[0]).toBe("HTTP/1.1 405 Method Not Allowed");
    expect(answer).toMatch(/\r\nAllow: GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS\r\n/i);
  });

  it("serves a request whose target is an absolute URL (as sent to a proxy) as its path, never redirecting to the URL's host", async () => {
    const report = await createReport();
    const client: [string, string] = ["X-Forwarded-For", freshClient()];
    const view = await sendRaw(baseUrl(), {
      method: "GET",
      path: `http://evil.example${report.path}`,
      headers: [client],
    });
    expect(view.status).toBe(200);
    expect(view.headers.location).toBeUndefined();
    expect(view.headers["x-report-cache"]).toBeDefined(); // the front server's own fast path took it
    const staff = await sendRaw(baseUrl(), { method: "GET", path: "HTTP://evil.example/staff", headers: [client] });
    expect(staff.status).toBe(307);
    expect(staff.headers.location).toBe("/sign-in?next=%2Fstaff");
    for (const path of ["http://[::1/", "http://", "http://localhost:99999/"]) {
      const response = await sendRaw(baseUrl(), { method: "GET", path, headers: [client] });
      expect(response.status, path).toBe(400);
    }
  });

  it("answers a path whose %-escapes do not decode with 400; next-auth's endpoints are not served at all", async () => {
    for (const path of ["/api/v1/blocks/%E0%A4%A/lift", "/staff/reports/%ZZ", "/%C0"]) {
      const response = await sendRaw(baseUrl(), { method: "GET", path, headers: [] });
      expect(response.status, path).toBe(400);
    }
    // Broken escapes in the query are the page's business (a malformed report link is a 404).
    expect(
      (
        await sendRaw(baseUrl(), {
          method: "GET",
          path: "/?id=%E0%A4%A&auth=%ZZ",
          headers: [["X-Forwarded-For", freshClient()]],
        })
      ).status,
    ).toBe(404);
    // A broken JSON body made next-auth answer 500; it now never runs (app/api/auth answers 404).
    const auth = await post("/api/auth/callback/credentials", [["Content-Type", "application/json"]], '{"email":');
    expect(auth.status).toBe(404);
    const csrf = await sendRaw(baseUrl(), { method: "GET", path: "/api/auth/csrf", headers: [] });
    expect(csrf.status).toBe(404);
  });

  it("answers a navigation request (RSC) whose router state it cannot read with 400, not 500", async () => {
    // Next parses `Next-Router-State-Tree` of every RSC request before rendering and answered
    // one it could not read (not JSON, not its shape) with 500 and a stack trace
    // in the log. The first answer is Next's redirect to the URL with the matching `_rsc`.
    const rsc = async (path: string, state: string) => {
      const headers: [string, string][] = [
        ["RSC", "1"],
        ["Next-Router-State-Tree", state],
        ["X-Forwarded-For", freshClient()],
      ];
      const first = await sendRaw(baseUrl(), { method: "GET", path, headers });
      if (first.status !== 307 || typeof first.headers.location !== "string") return first;
      return sendRaw(baseUrl(), { method: "GET", path: first.headers.location, headers });
    };
    for (const path of ["/sign-in", "/staff", "/account", "/forgot-password"]) {
      for (const state of [
        "garbage",
        "%5B%5D",
        encodeURIComponent('["",{"children":[1,2,3]}]'),
        encodeURIComponent(`["",{},"not a pair"]`),
      ]) {
        const response = await rsc(path, state);
        expect(response.status, `${path} ${state.slice(0, 40)}`).toBe(400);
      }
      // What Next's own client sends still gets its answer.
      const fine = await rsc(path, encodeURIComponent('["",{"children":["__PAGE__",{}]},null,null]'));
      expect(fine.status, path).toBeLessThan(400);
    }
    // A server action's fetch carrying the same header: Next redirected it to its `_rsc` URL,
    // where it failed the same way.
    const headers: [string, string][] = [
      ["RSC", "1"],
      ["Next-Router-State-Tree", "garbage"],
      ["Next-Action", serverActionId("findReportAction")],
      ["Origin", baseUrl()],
      ["Content-Type", "text/plain;charset=UTF-8"],
      ["X-Forwarded-For", freshClient()],
    ];
    const body = '[{"status":"idle"},"$undefined"]';
    let action = await sendRaw(baseUrl(), { method: "POST", path: "/", headers, body });
    if (action.status === 307 && typeof action.headers.location === "string")
      action = await sendRaw(baseUrl(), { method: "POST", path: action.headers.location, headers, body });
    expect(action.status).toBe(400);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const log = await readFile(inject("appLogPath"), "utf8");
    expect(log).not.toContain("The router state header");
  });

  it("does not serve Next's image optimizer, which no page uses: 404, never 500, and nothing in the error log", async () => {
    // `/_next/image?url=/staff` made the optimizer fetch the page inside the server and answer
    // 500 ("internal response is invalid"), and every such URL wrote an error-level line.
    const urls = ["/staff", "/icon.svg", "/robots.txt", "/api/health", "/nothing-here.png"];
    for (const url of urls) {
      const path = `/_next/image?${new URLSearchParams({ url, w: "64", q: "75" })}`;
      const response = await sendRaw(baseUrl(), { method: "GET", path, headers: [] });
      expect(response.status, path).toBe(404);
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    const log = await readFile(inject("appLogPath"), "utf8");
    expect(log).not.toMatch(/internal image response failed|isn't a valid image|dangerouslyAllowSVG/);
  });

  it("refuses Next's runtime prefetch, which no page uses, with 400 and no error-level line in the log", async () => {
    // `Next-Router-Prefetch: 2` (runtime prefetch; `3`, its shell) made Next render the page
    // as a prerender with the request's cookies: the report page answered 200 after logging
    // an error ("encountered the unstable value `new Date()` while prerendering") each time.
    process.env.DATABASE_URL = inject("appDatabaseUrl");
    const { getDb } = await import("@/lib/db/client");
    const { issueSessionToken } = await import("@/lib/auth/session-token");
    const sessionOf = async (email: string) => {
      const user = await getDb().user.findFirstOrThrow({
        where: { email },
        select: { id: true, sessionVersion: true },
      });
      return `next-auth.session-token=${await issueSessionToken({ userId: user.id, sessionVersion: user.sessionVersion }, inject("sessionSecret"))}`;
    };
    const staff = await sessionOf("staff@example.net");
    const owner = await sessionOf("owner@northwind.example");
    const { path: report } = await createReport({ reason: "SPAM" });
    const requests: [string, string | null][] = [
      [report, null],
      ["/sign-in", null],
      ["/account", null],
      ["/account", owner],
      ["/account/blocks", owner],
      ["/staff", staff],
      ["/staff", null],
      ["/password", staff],
    ];
    const logBefore = (await stat(inject("appLogPath"))).size;
    const answers: string[] = [];
    for (const prefetch of ["2", "3"]) {
      for (const [path, cookie] of requests) {
        const headers: [string, string][] = [
          ["RSC", "1"],
          ["Next-Router-Prefetch", prefetch],
          ["X-Forwarded-For", freshClient()],
          ...(cookie ? [["Cookie", cookie] as [string, string]] : []),
        ];
        let response = await sendRaw(baseUrl(), { method: "GET", path, headers });
        // Next first redirects an RSC request to the URL with its `_rsc` hash; follow it as its client does.
        if (response.status === 307 && typeof response.headers.location === "string")
          response = await sendRaw(baseUrl(), { method: "GET", path: response.headers.location, headers });
        answers.push(`${prefetch} ${path.slice(0, 12)}${cookie ? " signed in" : ""}: ${response.status}`);
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    const log = (await readFile(inject("appLogPath"))).subarray(logBefore).toString("utf8");
    expect(log.split("\n").filter((line) => /"level":(5|6)0\b|^\s*(⨯|Error:)/.test(line))).toEqual([]);
    for (const answer of answers) expect(answer).toMatch(/: 400$/);
    // A plain prefetch, what Next's client sends for a link, is still served.
    const plain = await sendRaw(baseUrl(), {
      method: "GET",
      path: "/sign-in",
      headers: [
        ["RSC", "1"],
        ["Next-Router-Prefetch", "1"],
        ["X-Forwarded-For", freshClient()],
      ],
    });
    expect(plain.status).toBeLessThan(400);
  });
});

describe("static files asked for a range or a precondition", () => {
  // Next serves these with `send` and answered its 416 and 412 with 500; the front server
  // drops these headers for static files (lib/front-server/static-file-headers.ts).
  const chunk = readdirSync(".next/static/chunks").find((name) => name.endsWith(".js"))!;
  const files = ["/robots.txt", `/_next/static/chunks/${chunk}`];
  const HOSTILE: [string, string][] = [
    ["Range", "bytes=9999999-"],
    ["Range", "bytes=1-0"],
    ["Range", "bytes=-0"],
    ["Range", "bytes=x"],
    ["If-Match", '"nope"'],
    ["If-Unmodified-Since", "Mon, 01 Jan 1990 00:00:00 GMT"],
    ["If-Range", '"nope"'],
  ];

  it("answers each with the whole file and 200, never 500", async () => {
    for (const file of files) {
      const whole = await sendRaw(baseUrl(), { method: "GET", path: file, headers: [] });
      expect(whole.status, file).toBe(200);
      for (const header of HOSTILE) {
        for (const method of ["GET", "HEAD"]) {
          const response = await sendRaw(baseUrl(), { method, path: file, headers: [header] });
          const what = `${method} ${file} ${header.join(": ")}`;
          expect(response.status, what).toBe(200);
          expect(response.headers["content-range"], what).toBeUndefined();
          if (method === "GET") expect(response.body.equals(whole.body), what).toBe(true);
        }
      }
    }
  });

  it("answers a valid range with the whole file and 200 too, and still revalidates with 304", async () => {
    for (const file of files) {
      const whole = await sendRaw(baseUrl(), { method: "GET", path: file, headers: [] });
      const ranged = await sendRaw(baseUrl(), { method: "GET", path: file, headers: [["Range", "bytes=0-10"]] });
      expect(ranged.status, file).toBe(200);
      expect(ranged.body.equals(whole.body), file).toBe(true);
      // If-None-Match is kept: a browser's revalidation is still answered 304.
      const etag = whole.headers.etag;
      expect(typeof etag, file).toBe("string");
      const again = await sendRaw(baseUrl(), {
        method: "GET",
        path: file,
        headers: [["If-None-Match", etag as string]],
      });
      expect(again.status, file).toBe(304);
    }
  });

  it("answers the same for a path with dot segments or a fragment (`/x/../robots.txt`, `/robots.txt#x`)", async () => {
    for (const file of files.flatMap((file) => [`/x/..${file}`, `${file}#x`])) {
      for (const header of HOSTILE) {
        const response = await sendRaw(baseUrl(), { method: "GET", path: file, headers: [header] });
        expect(response.status, `${file} ${header.join(": ")}`).toBe(200);
      }
    }
  });

  it("leaves a route handler's answer as it was (/icon.svg, security.txt)", async () => {
    for (const route of ["/icon.svg", "/.well-known/security.txt"]) {
      const response = await sendRaw(baseUrl(), { method: "GET", path: route, headers: [["Range", "bytes=9999999-"]] });
      expect(response.status, route).toBe(200);
    }
  });
});
